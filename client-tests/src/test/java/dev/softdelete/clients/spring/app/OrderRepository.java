package dev.softdelete.clients.spring.app;

import dev.softdelete.clients.model.PurchaseOrder;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface OrderRepository extends JpaRepository<PurchaseOrder, Long> {
    List<PurchaseOrder> findByCustomerCountryOrderById(@Param("country") String country);

    Page<PurchaseOrder> findByStatusNot(@Param("status") String status, Pageable page);

    long countByStatus(@Param("status") String status);

    @Query(value = "select count(*) from orders where customer_id = :customer", nativeQuery = true)
    long countNative(@Param("customer") long customer);

    /** A derived delete returning what it removed. */
    @Transactional
    List<PurchaseOrder> deleteByStatus(@Param("status") String status);

    @Transactional
    @Modifying
    @Query("update PurchaseOrder o set o.status = :to where o.status = :from")
    int renameStatus(@Param("from") String from, @Param("to") String to);

    @Transactional
    @Modifying
    @Query("delete from PurchaseOrder o where o.total < :limit")
    int deleteSmallOrders(@Param("limit") BigDecimal limit);
}
