package dev.softdelete.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The shop the list, undelete and purge tests work on: customers 1 Ada, 2 Grace, 3 Linus with orders 10-13, and a
 * cascade from customers to orders.
 */
final class Shop {
    static final String YAML = String.join("\n",
        "version: 1",
        "defaults:",
        "  flag-column: is_deleted",
        "  timestamp-column: deleted_at",
        "tables:",
        "  customers:",
        "    cascade:",
        "      - { table: orders, column: customer_id }",
        "  orders: {}",
        "  notes:",
        "    flag-column: null",
        "");

    private Shop() {
    }

    static H2Database create(Path directory) throws IOException, SQLException {
        return new H2Database(directory, YAML).raw(
            "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL,"
                + " is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP)",
            "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers(id),"
                + " item VARCHAR(50), is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP)",
            "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(50), deleted_at TIMESTAMP)",
            "INSERT INTO customers (id, name) VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus')",
            "INSERT INTO orders (id, customer_id, item) VALUES (10, 1, 'keyboard'), (11, 2, 'compiler'),"
                + " (12, 2, 'manual'), (13, 3, 'kernel')");
    }
}
