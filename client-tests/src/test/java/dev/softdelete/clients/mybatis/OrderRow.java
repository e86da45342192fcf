package dev.softdelete.clients.mybatis;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A row of {@code orders} as MyBatis maps it (underscores to camel case). */
public class OrderRow {
    private Long id;
    private Long customerId;
    private String status;
    private BigDecimal total;
    private LocalDate placedOn;

    public OrderRow() {
    }

    public OrderRow(Long customerId, String status, String total, LocalDate placedOn) {
        this.customerId = customerId;
        this.status = status;
        this.total = new BigDecimal(total);
        this.placedOn = placedOn;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public Long getCustomerId() {
        return customerId;
    }

    public void setCustomerId(Long customerId) {
        this.customerId = customerId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public BigDecimal getTotal() {
        return total;
    }

    public void setTotal(BigDecimal total) {
        this.total = total;
    }

    public LocalDate getPlacedOn() {
        return placedOn;
    }

    public void setPlacedOn(LocalDate placedOn) {
        this.placedOn = placedOn;
    }

    @Override
    public String toString() {
        return id + "/" + customerId + "/" + status + "/" + total.stripTrailingZeros().toPlainString() + "/" + placedOn;
    }
}
