package dev.softdelete.clients.spring.app;

import dev.softdelete.clients.model.Customer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.persistence.autoconfigure.EntityScan;

/**
 * A Spring Boot application over the shop, as its authors wrote it: Spring Data JPA repositories on the shared JPA
 * model, HikariCP and Hibernate auto-configured from {@code spring.datasource.*} and {@code spring.jpa.*}, schema and
 * seed rows from {@code spring.sql.init.*}. Nothing in it knows about soft delete; only its JDBC URL does.
 */
@SpringBootApplication
@EntityScan(basePackageClasses = Customer.class)
public class ShopApplication {
}
