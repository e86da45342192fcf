-- The shop schema on MySQL and MariaDB, the same in the hard and the soft database: the soft-delete columns exist in
-- both (so SELECT * returns the same columns), and so do the foreign keys with ON DELETE CASCADE, which fire only in
-- the hard database: in the soft one, softdelete.yml's cascade map does their work. Keys generated from 1000 on,
-- above the seed rows' explicit keys.
DROP TABLE IF EXISTS reviews, order_lines, orders, customers, products, audit_log;

CREATE TABLE customers (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(60) NOT NULL,
    country VARCHAR(2) NOT NULL,
    email VARCHAR(100),
    is_deleted BOOLEAN NOT NULL DEFAULT FALSE,
    deleted_at DATETIME(6) NULL
) ENGINE = InnoDB AUTO_INCREMENT = 1000;

CREATE TABLE products (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(60) NOT NULL,
    price DECIMAL(10, 2) NOT NULL
) ENGINE = InnoDB AUTO_INCREMENT = 1000;

CREATE TABLE orders (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    status VARCHAR(20) NOT NULL,
    total DECIMAL(10, 2) NOT NULL,
    placed_on DATE NOT NULL,
    version INT NOT NULL DEFAULT 0,
    is_deleted BOOLEAN NOT NULL DEFAULT FALSE,
    deleted_at DATETIME(6) NULL,
    CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
) ENGINE = InnoDB AUTO_INCREMENT = 1000;

CREATE TABLE order_lines (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    order_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    quantity INT NOT NULL,
    price DECIMAL(10, 2) NOT NULL,
    is_deleted BOOLEAN NOT NULL DEFAULT FALSE,
    deleted_at DATETIME(6) NULL,
    CONSTRAINT order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT order_lines_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE = InnoDB AUTO_INCREMENT = 1000;

-- Reviews are soft-deleted too but not in the cascade map: their foreign key restricts, so a customer with live
-- reviews cannot be deleted.
CREATE TABLE reviews (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    stars INT NOT NULL,
    is_deleted BOOLEAN NOT NULL DEFAULT FALSE,
    deleted_at DATETIME(6) NULL,
    CONSTRAINT reviews_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE = InnoDB AUTO_INCREMENT = 1000;

CREATE TABLE audit_log (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    message VARCHAR(200) NOT NULL
) ENGINE = InnoDB AUTO_INCREMENT = 1000;
