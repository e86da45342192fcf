package dev.softdelete.clients.mybatis;

import java.math.BigDecimal;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** The mapper interface of {@code ShopMapper.xml}: dynamic SQL as a MyBatis application writes it. */
public interface ShopMapper {
    List<OrderRow> findOrders(OrderFilter filter);

    List<CustomerSummary> customerSummaries(@Param("country") String country);

    long countLines(@Param("orderIds") List<Long> orderIds);

    int deleteOrders(@Param("ids") List<Long> ids, @Param("status") String status);

    int deleteCustomersIn(@Param("countries") List<String> countries);

    int deleteLinesOfProducts(@Param("products") List<String> products, @Param("status") String status);

    int updateStatus(@Param("from") String from, @Param("to") String to, @Param("minTotal") BigDecimal minTotal);

    int insertOrder(OrderRow order);
}
