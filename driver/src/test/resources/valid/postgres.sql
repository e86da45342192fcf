# Valid PostgreSQL statements as real clients send them, on the schema of ValidCorpusIT (customers, orders and
# order_items are soft-delete tables; products is not). Each block: '== source: what [parameters]', then the statement.
# The driver must rewrite them, not refuse them; the refusals that remain are reported (README, "Parser gaps").

== hibernate: find by id [1]
select c1_0.id,c1_0.email,c1_0.name,c1_0.status,c1_0.type from customers c1_0 where c1_0.id=?

== hibernate: collection of a parent [1]
select o1_0.customer_id,o1_0.id,o1_0.created,o1_0.note,o1_0.total from orders o1_0 where o1_0.customer_id=?

== hibernate: fetch join [1]
select c1_0.id,c1_0.email,c1_0.name,o1_0.customer_id,o1_0.id,o1_0.total from customers c1_0 left join orders o1_0 on c1_0.id=o1_0.customer_id where c1_0.id=?

== hibernate: JPQL join with pagination [5, 0, 10]
select c1_0.id,c1_0.name from customers c1_0 join orders o1_0 on c1_0.id=o1_0.customer_id where o1_0.total>? order by c1_0.name offset ? rows fetch first ? rows only

== hibernate: count query of a page ['active']
select count(c1_0.id) from customers c1_0 where c1_0.status=?

== hibernate: exists subquery [5]
select c1_0.id from customers c1_0 where exists(select 1 from orders o1_0 where o1_0.customer_id=c1_0.id and o1_0.total>?)

== hibernate: in subquery [5]
select c1_0.id from customers c1_0 where c1_0.id in (select o1_0.customer_id from orders o1_0 where o1_0.total>?)

== hibernate: criteria with case, coalesce and cast ['active', 'a%']
select c1_0.id,case when c1_0.status=? then 1 else 0 end,coalesce(c1_0.email,''),cast(c1_0.id as varchar) from customers c1_0 where lower(c1_0.name) like ? escape '\'

== hibernate: tuple in [1, 1, 2, 3]
select o1_0.id from orders o1_0 where (o1_0.customer_id,o1_0.id) in ((?,?),(?,?))

== hibernate: between on a timestamp ['2024-01-01', '2030-01-01']
select o1_0.id,o1_0.total from orders o1_0 where o1_0.created between ? and ? order by o1_0.created desc

== hibernate: aggregate with group by and having [10]
select o1_0.customer_id,sum(o1_0.total),count(o1_0.id) from orders o1_0 group by o1_0.customer_id having sum(o1_0.total)>?

== hibernate: insert ['new@example.com', 'New', 'active', 'person', 901]
insert into customers (email,name,status,type,id) values (?,?,?,?,?)

== hibernate: entity update ['a@example.com', 'Ada', 'active', 'person', 1]
update customers set email=?,name=?,status=?,type=? where id=?

== hibernate: entity remove [1]
delete from order_items where id=?

== hibernate: JPQL bulk update [7, 2]
update orders o1_0 set total=? where o1_0.customer_id=?

== hibernate: JPQL bulk delete [3]
delete from orders o1_0 where o1_0.total<?

== hibernate: native query with keyword column names ['open']
select id, start, value, level, position, type, status from events where status = ? order by position

== spring data: derived deleteBy (select, then delete by id) ['gift']
select o1_0.id,o1_0.customer_id,o1_0.total from orders o1_0 where o1_0.note=?

== spring data: @Modifying query [3]
delete from order_items oi1_0 where oi1_0.order_id in (select o1_0.id from orders o1_0 where o1_0.customer_id=?)

== jooq: quoted and qualified select [1]
select "public"."customers"."id", "public"."customers"."name" from "public"."customers" where "public"."customers"."id" = ?

== jooq: fetchCount [10]
select count(*) from (select "public"."orders"."id" from "public"."orders" where "public"."orders"."total" > ?) as "alias_1"

== jooq: fetchExists [1]
select exists (select 1 as "one" from "public"."orders" where "public"."orders"."customer_id" = ?)

== jooq: aliased delete [2]
delete from "public"."orders" as "o" where "o"."id" = ?

== jooq: delete using [10]
delete from "public"."order_items" using "public"."orders" where ("public"."order_items"."order_id" = "public"."orders"."id" and "public"."orders"."total" < ?)

== jooq: window function with offset fetch [0, 5]
select "o"."id", row_number() over (partition by "o"."customer_id" order by "o"."total" desc) as "rn" from "public"."orders" as "o" order by "o"."id" offset ? rows fetch next ? rows only

== jooq: lateral [1]
select "c"."id", "x"."total" from "public"."customers" as "c" cross join lateral (select "o"."total" from "public"."orders" as "o" where "o"."customer_id" = "c"."id" order by "o"."total" desc limit ?) as "x"

== jooq: update with from [9, 'active']
update "public"."orders" set "total" = ? from "public"."customers" where ("public"."orders"."customer_id" = "public"."customers"."id" and "public"."customers"."status" = ?)

== mybatis: dynamic where with foreach ['active', 'new', 'gone', 'a']
SELECT id, name, email FROM customers WHERE status IN ( ? , ? , ? ) AND name LIKE '%' || ? || '%' ORDER BY name

== mybatis: delete with foreach [1, 2, 3]
DELETE FROM orders WHERE id IN ( ? , ? , ? )

== hand-written: E-string with a backslash escape [1]
SELECT id FROM customers WHERE name <> E'it\'s' AND id = ?

== hand-written: FROM ONLY [5]
SELECT id FROM ONLY orders WHERE total > ?

== hand-written: DELETE FROM ONLY [1]
DELETE FROM ONLY order_items WHERE id = ?

== hand-written: casts with :: ['2024-01-01']
SELECT id::text, total::numeric(10,2) FROM orders WHERE created::date = ?::date

== hand-written: ILIKE and DISTINCT ON ['%a%']
SELECT DISTINCT ON (customer_id) customer_id, id, total FROM orders WHERE note ILIKE ? ORDER BY customer_id, total DESC

== hand-written: ANY of an array parameter ['{1,2}']
SELECT id FROM orders WHERE customer_id = ANY(?)

== hand-written: FILTER and COALESCE
SELECT customer_id, count(*) FILTER (WHERE total > 100), coalesce(max(total), 0) FROM orders GROUP BY customer_id

== hand-written: FOR UPDATE SKIP LOCKED [5]
SELECT id FROM orders WHERE total > ? ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED

== hand-written: interval arithmetic
SELECT id FROM orders WHERE created > now() - interval '7 days'

== hand-written: recursive CTE [3]
WITH RECURSIVE chain(id, referrer) AS (SELECT id, referrer FROM customers WHERE id = ? UNION ALL SELECT c.id, c.referrer FROM customers c JOIN chain ON c.id = chain.referrer) SELECT id FROM chain

== hand-written: jsonb operator ['gold']
SELECT id FROM customers WHERE attrs ->> 'tier' = ?

== hand-written: keyword columns [1, 'ann']
SELECT "end", "user", number, start, value FROM events WHERE number > ? AND "user" = ?

== hand-written: NULLS LAST and LIMIT OFFSET [5, 0]
SELECT id FROM orders ORDER BY note NULLS LAST LIMIT ? OFFSET ?

== hand-written: UPDATE ... RETURNING [1]
UPDATE orders SET total = total + 1 WHERE id = ? RETURNING id, total

== hand-written: DELETE ... RETURNING [1]
DELETE FROM order_items WHERE order_id = ? RETURNING id

== hand-written: INSERT ... SELECT [1]
INSERT INTO products (id, name) SELECT id + 1000, name FROM customers WHERE id = ?

== hand-written: string concatenation and position() ['%a%']
SELECT id, position('a' in name) FROM customers WHERE name || email LIKE ?

== hand-written: GROUPING SETS
SELECT customer_id, note, sum(total) FROM orders GROUP BY GROUPING SETS ((customer_id), (note))

== ddl: create index without a name
CREATE INDEX ON orders (customer_id)

== ddl: partial unique index
CREATE UNIQUE INDEX IF NOT EXISTS customers_email_live ON customers (email) WHERE NOT is_deleted

== hibernate 7: array parameter [ '{1,2}' ]
select c1_0.id,c1_0.name from customers c1_0 where c1_0.id=any(?)

== jooq: keyset pagination with a row comparison [5, 1]
select "o"."id", "o"."total" from "public"."orders" as "o" where ("o"."total", "o"."id") > (?, ?) order by "o"."total", "o"."id" fetch next 10 rows only

== hand-written: aggregates with ORDER BY inside
SELECT customer_id, array_agg(id ORDER BY id), string_agg(note, ',' ORDER BY note) FROM orders GROUP BY customer_id

== hand-written: TABLESAMPLE
SELECT id FROM orders TABLESAMPLE SYSTEM (50)

== hand-written: AT TIME ZONE and EXTRACT ['2024-01-01']
SELECT id, EXTRACT(EPOCH FROM created) FROM orders WHERE created AT TIME ZONE 'UTC' > ?

== hand-written: SIMILAR TO ['%(g|x)%']
SELECT id FROM orders WHERE note SIMILAR TO ?

== hand-written: VALUES list in a CTE
WITH v(id) AS (VALUES (1), (2)) SELECT o.id FROM orders o JOIN v ON v.id = o.customer_id

== hand-written: named window
SELECT id, sum(total) OVER w FROM orders WINDOW w AS (PARTITION BY customer_id ORDER BY id)

== hand-written: FETCH FIRST WITH TIES
SELECT id FROM orders ORDER BY total DESC FETCH FIRST 1 ROWS WITH TIES

== hand-written: row-valued UPDATE [3, 4, 1]
UPDATE orders SET (total, customer_id) = (?, ?) WHERE id = ?

== hand-written: unnest of an array parameter ['{1,2}']
SELECT id FROM orders WHERE customer_id IN (SELECT unnest(?::int[]))

== hand-written: jsonb_agg of a row
SELECT c.id, jsonb_agg(o) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id

== hand-written: FOR NO KEY UPDATE and FOR SHARE OF [1]
SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = ? FOR NO KEY UPDATE OF o FOR SHARE OF c

== hand-written: upsert into a soft-delete table [1, 'gift']
INSERT INTO orders (id, note) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET note = EXCLUDED.note

== hand-written: seed script upsert [1]
INSERT INTO customers (id, name) VALUES (?, 'Ada') ON CONFLICT DO NOTHING

== hibernate: keyword aliases in a native query result mapping
select e.id as start, e.value as value, e.level as level, e.position as position, e.type as type, e.status as status, e.number as key from events e

== hand-written: bit-string literal before ORDER BY [1]
select o.id from orders o where x'41' <> b'0' or o.id = ? order by o.id
