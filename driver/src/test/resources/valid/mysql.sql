# Valid MySQL/MariaDB statements as real clients send them, on the schema of ValidCorpusIT (customers, orders and
# order_items are soft-delete tables; products is not). Each block: '== source: what [parameters]', then the statement.

== hibernate: find by id [1]
select c1_0.id,c1_0.email,c1_0.name,c1_0.status,c1_0.type from customers c1_0 where c1_0.id=?

== hibernate: fetch join [1]
select c1_0.id,c1_0.email,c1_0.name,o1_0.customer_id,o1_0.id,o1_0.total from customers c1_0 left join orders o1_0 on c1_0.id=o1_0.customer_id where c1_0.id=?

== hibernate: JPQL join with pagination [5, 0, 10]
select c1_0.id,c1_0.name from customers c1_0 join orders o1_0 on c1_0.id=o1_0.customer_id where o1_0.total>? order by c1_0.name limit ?,?

== hibernate: count query of a page ['active']
select count(c1_0.id) from customers c1_0 where c1_0.status=?

== hibernate: exists subquery [5]
select c1_0.id from customers c1_0 where exists(select 1 from orders o1_0 where o1_0.customer_id=c1_0.id and o1_0.total>?)

== hibernate: criteria with case and cast ['active', 'a%']
select c1_0.id,case when c1_0.status=? then 1 else 0 end,cast(c1_0.id as char) from customers c1_0 where lower(c1_0.name) like ? escape '!'

== hibernate: insert with identity ['new@example.com', 'New', 'active', 'person']
insert into customers (email,name,status,type) values (?,?,?,?)

== hibernate: entity update ['a@example.com', 'Ada', 'active', 'person', 1]
update customers set email=?,name=?,status=?,type=? where id=?

== hibernate: entity remove [1]
delete from order_items where id=?

== hibernate: JPQL bulk update [7, 2]
update orders o1_0 set o1_0.total=? where o1_0.customer_id=?

== hibernate: JPQL bulk delete [3]
delete o1_0 from orders o1_0 where o1_0.total<?

== hibernate: bulk delete with a subquery [3]
delete oi1_0 from order_items oi1_0 where oi1_0.order_id in (select o1_0.id from orders o1_0 where o1_0.customer_id=?)

== hibernate: native query with keyword column names ['open']
select id, start, value, level, position, type, status from events where status = ? order by position

== jooq: backquoted select [1]
select `customers`.`id`, `customers`.`name` from `customers` where `customers`.`id` = ?

== jooq: fetchCount [10]
select count(*) from (select `orders`.`id` from `orders` where `orders`.`total` > ?) as `alias_1`

== jooq: fetchExists [1]
select exists (select 1 as `one` from `orders` where `orders`.`customer_id` = ?)

== jooq: aliased delete [2]
delete from `c` using `customers` as `c` where `c`.`id` = ?

== jooq: delete using [10]
delete from `oi` using `order_items` as `oi`, `orders` as `o` where (`oi`.`order_id` = `o`.`id` and `o`.`total` < ?)

== jooq: window function with limit offset [5, 0]
select `o`.`id`, row_number() over (partition by `o`.`customer_id` order by `o`.`total` desc) as `rn` from `orders` as `o` order by `o`.`id` limit ? offset ?

== jooq: update with join [9, 'active']
update `orders` join `customers` on `customers`.`id` = `orders`.`customer_id` set `orders`.`total` = ? where `customers`.`status` = ?

== mybatis: dynamic where with foreach ['active', 'new', 'gone', 'a']
SELECT id, name, email FROM customers WHERE status IN ( ? , ? , ? ) AND name LIKE CONCAT('%', ?, '%') ORDER BY name

== mybatis: delete with foreach [1, 2, 3]
DELETE FROM orders WHERE id IN ( ? , ? , ? )

== hand-written: multi-table delete [3]
DELETE oi FROM order_items oi JOIN orders o ON o.id = oi.order_id WHERE o.customer_id = ?

== hand-written: # comment [5]
SELECT id FROM orders # the order ids
WHERE total > ?

== hand-written: LOCK IN SHARE MODE [1]
SELECT id FROM orders WHERE id = ? LOCK IN SHARE MODE

== hand-written: FOR UPDATE SKIP LOCKED [5]
SELECT id FROM orders WHERE total > ? ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED

== hand-written: SQL_CALC_FOUND_ROWS [5]
SELECT SQL_CALC_FOUND_ROWS id FROM orders WHERE total > ? LIMIT 10

== hand-written: STRAIGHT_JOIN
SELECT STRAIGHT_JOIN c.id, o.id FROM customers c JOIN orders o ON o.customer_id = c.id

== hand-written: index hint [1]
SELECT id FROM orders FORCE INDEX (PRIMARY) WHERE id = ?

== hand-written: INTERVAL and NOW()
SELECT id FROM orders WHERE created > NOW() - INTERVAL 7 DAY

== hand-written: GROUP_CONCAT with SEPARATOR
SELECT customer_id, GROUP_CONCAT(note ORDER BY id SEPARATOR ', ') FROM orders GROUP BY customer_id

== hand-written: backslash escape in a string [1]
SELECT id FROM customers WHERE name <> 'it\'s' AND id = ?

== hand-written: keyword columns [1, 'ann']
SELECT `key`, `end`, `user`, number, start, value FROM events WHERE number > ? AND `user` = ?

== hand-written: JSON functions (MariaDB has no ->>) ['gold']
SELECT id FROM customers WHERE JSON_UNQUOTE(JSON_EXTRACT(attrs, '$.tier')) = ?

== hand-written: REGEXP and DIV ['a']
SELECT id, total DIV 10 FROM orders WHERE note REGEXP ?

== hand-written: null-safe equals ['gift']
SELECT id FROM orders WHERE note <=> ?

== hand-written: ORDER BY LIMIT delete [3]
DELETE FROM orders WHERE total < ? ORDER BY id LIMIT 5

== hand-written: INSERT ... SET [901, 'Pen']
INSERT INTO products SET id = ?, name = ?

== hand-written: INSERT ... SELECT [1]
INSERT INTO products (id, name) SELECT id + 1000, name FROM customers WHERE id = ?

== hand-written: multi-table update ['gone']
UPDATE orders o, customers c SET o.total = 0 WHERE c.id = o.customer_id AND c.status = ?

== hand-written: CONVERT USING [1]
SELECT id, CONVERT(name USING utf8mb4) FROM customers WHERE id = ?

== hand-written: MATCH AGAINST ['ada']
SELECT id FROM customers WHERE MATCH(name) AGAINST (? IN BOOLEAN MODE)

== ddl: table with an inline index
CREATE TABLE IF NOT EXISTS customers_copy (id INT PRIMARY KEY, name VARCHAR(40), INDEX (name))

== ddl: generated column for a soft-delete-aware unique key
ALTER TABLE customers ADD COLUMN IF NOT EXISTS email_live VARCHAR(80) AS (IF(is_deleted, NULL, email)) VIRTUAL

== hand-written: recursive CTE [3]
WITH RECURSIVE chain(id, referrer) AS (SELECT id, referrer FROM customers WHERE id = ? UNION ALL SELECT c.id, c.referrer FROM customers c JOIN chain ON c.id = chain.referrer) SELECT id FROM chain

== hand-written: index hint for ORDER BY
SELECT id FROM orders USE INDEX FOR ORDER BY (PRIMARY) ORDER BY id LIMIT 3

== hand-written: HIGH_PRIORITY and SQL_NO_CACHE
SELECT HIGH_PRIORITY SQL_NO_CACHE id FROM orders

== hand-written: date functions
SELECT id, DATE_FORMAT(created, '%Y-%m'), TIMESTAMPDIFF(DAY, created, NOW()) FROM orders WHERE created > DATE_SUB(NOW(), INTERVAL 10 YEAR)

== hand-written: IF, IFNULL, CAST AS UNSIGNED
SELECT IF(total > 10, 'big', 'small'), IFNULL(note, '-'), CAST(total AS UNSIGNED) FROM orders

== hand-written: BINARY and COLLATE ['Ada', 'Ada']
SELECT id FROM customers WHERE BINARY name = ? OR name COLLATE utf8mb4_bin = ?

== hand-written: hex and bit literals
SELECT id FROM orders WHERE total <> X'0A' AND total <> 0x1F AND b'1' = 1

== hand-written: ORDER BY FIELD
SELECT id FROM customers ORDER BY FIELD(status, 'new', 'active', 'gone')

== hand-written: WITH ROLLUP
SELECT customer_id, SUM(total) FROM orders GROUP BY customer_id WITH ROLLUP

== hand-written: UPDATE with ORDER BY and LIMIT [1]
UPDATE orders SET total = total + 1 WHERE customer_id = ? ORDER BY id LIMIT 1

== hand-written: LIMIT OFFSET [2, 1]
SELECT id FROM orders ORDER BY id LIMIT ? OFFSET ?

== hand-written: upsert into a soft-delete table [1, 'gift']
INSERT INTO orders (id, note) VALUES (?, ?) ON DUPLICATE KEY UPDATE note = VALUES(note)

== hand-written: seed script INSERT IGNORE [1]
INSERT IGNORE INTO customers (id, name) VALUES (?, 'Ada')

== hand-written: REPLACE [1]
REPLACE INTO order_items (id, order_id, qty) VALUES (?, 1, 1)

== hibernate: keyword aliases in a native query result mapping
select e.id as start, e.value as value, e.level as level, e.position as position, e.type as type, e.status as status, e.number as `key` from events e

== hand-written: hex literal before ORDER BY [1]
select o.id from orders o where o.note <> x'41' or o.id = ? order by o.id
