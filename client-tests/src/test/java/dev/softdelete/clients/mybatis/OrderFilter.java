package dev.softdelete.clients.mybatis;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The search form behind {@code findOrders}: every criterion optional. */
public class OrderFilter {
    private List<Long> customerIds;
    private List<String> statuses;
    private BigDecimal minTotal;
    private LocalDate placedAfter;

    public List<Long> getCustomerIds() {
        return customerIds;
    }

    public OrderFilter customers(Long... ids) {
        this.customerIds = List.of(ids);
        return this;
    }

    public List<String> getStatuses() {
        return statuses;
    }

    public OrderFilter statuses(String... statuses) {
        this.statuses = List.of(statuses);
        return this;
    }

    public BigDecimal getMinTotal() {
        return minTotal;
    }

    public OrderFilter minTotal(String total) {
        this.minTotal = new BigDecimal(total);
        return this;
    }

    public LocalDate getPlacedAfter() {
        return placedAfter;
    }

    public OrderFilter placedAfter(LocalDate date) {
        this.placedAfter = date;
        return this;
    }
}
