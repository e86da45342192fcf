package dev.softdelete.clients.spring.app;

import dev.softdelete.clients.model.Customer;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface CustomerRepository extends JpaRepository<Customer, Long> {
    List<Customer> findByCountryOrderByName(@Param("country") String country);

    boolean existsByName(@Param("name") String name);

    /** A derived delete: Spring Data loads the matching customers and removes them one by one. */
    @Transactional
    long deleteByCountry(@Param("country") String country);
}
