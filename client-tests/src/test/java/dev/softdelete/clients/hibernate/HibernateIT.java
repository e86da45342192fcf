package dev.softdelete.clients.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.clients.model.Customer;
import dev.softdelete.clients.model.OrderLine;
import dev.softdelete.clients.model.Product;
import dev.softdelete.clients.model.PurchaseOrder;
import dev.softdelete.clients.support.BothSides;
import dev.softdelete.clients.support.OnEachTarget;
import dev.softdelete.clients.support.ShopDatabases;
import dev.softdelete.clients.support.SqlLog;
import dev.softdelete.clients.support.Target;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Root;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Hibernate;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.tool.schema.Action;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Hibernate ORM 7 with the unchanged JPA model of {@code dev.softdelete.clients.model}, bootstrapped twice: on the
 * hard database's raw URL and on the soft database's {@code jdbc:softdelete:} URL (Hibernate's own connection pool,
 * dialect detected from the connection, no second-level cache). Every scenario runs on both and must observe the
 * same: entity state, query results, update counts, exceptions.
 */
@OnEachTarget
class HibernateIT {
    private static BothSides<EntityManagerFactory> jpa;

    @Parameter
    Target target;

    private ShopDatabases shop;

    @BeforeParameterizedClassInvocation
    static void openFactories(Target target) throws SQLException {
        if (!target.tryReach()) {
            return; // each test then reports why, as skipped (or failed when databases are required)
        }
        ShopDatabases shop = ShopDatabases.of(target);
        shop.reset();
        jpa = new BothSides<>(factory("hard", shop.hardUrl()), factory("soft", shop.softUrl()));
    }

    @AfterParameterizedClassInvocation
    static void closeFactories() {
        if (jpa != null) {
            jpa.both().forEach(EntityManagerFactory::close);
            jpa = null;
        }
    }

    static EntityManagerFactory factory(String name, String url) {
        return new HibernatePersistenceConfiguration("shop-" + name)
                .managedClasses(Customer.class, PurchaseOrder.class, OrderLine.class, Product.class)
                .jdbcUrl(url)
                .jdbcPoolSize(2)
                .schemaToolingAction(Action.NONE)
                .statementInspector(sql -> {
                    SqlLog.record(sql);
                    return sql;
                })
                .createEntityManagerFactory();
    }

    @BeforeEach
    void resetShop() throws Exception {
        shop = ShopDatabases.of(target);
        shop.reset();
    }

    private <T> T same(String what, Function<EntityManager, T> work) {
        return jpa.same(what, emf -> emf.callInTransaction(work));
    }

    private <T> T sameAndNotEmpty(String what, Function<EntityManager, T> work) {
        return jpa.sameAndNotEmpty(what, emf -> emf.callInTransaction(work));
    }

    @Test
    void bothFactoriesDetectTheSameDialect() {
        String dialect = jpa.same("the dialect Hibernate detects from the connection's metadata",
                emf -> emf.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect().getClass()
                        .getSimpleName());
        // Through mysql-connector-j the server calls itself MySQL, so Hibernate picks MySQLDialect on MariaDB too.
        assertThat(dialect).isEqualTo(shop.engine().mysqlFamily() ? "MySQLDialect" : "PostgreSQLDialect");
    }

    @Test
    void persistFindAndRemoveFollowsTheCascadeMap() throws Exception {
        Long id = same("persist a customer, an order and its lines", em -> {
            Customer alan = new Customer("Alan", "GB");
            em.persist(alan);
            PurchaseOrder order = new PurchaseOrder(alan, "NEW", new BigDecimal("30.00"), LocalDate.of(2025, 1, 2));
            order.addLine(em.find(Product.class, 1L), 1);
            order.addLine(em.find(Product.class, 4L), 2);
            em.persist(order);
            return alan.getId();
        });
        assertThat(id).isEqualTo(1000L);
        sameAndNotEmpty("find it, its orders and lines", em -> describe(em.find(Customer.class, id)));

        same("remove it", em -> {
            em.remove(em.find(Customer.class, id));
            return "removed";
        });
        assertThat(this.<String>same("find after remove", em -> String.valueOf(em.find(Customer.class, id)))).isEqualTo("null");
        assertThat(this.<List<Long>>same("its orders", em -> em.createQuery(
                "select o.id from PurchaseOrder o where o.customer.id = :id", Long.class)
                .setParameter("id", id).getResultList())).isEmpty();
        assertThat(this.<List<Long>>same("its lines", em -> em.createQuery(
                "select l.id from OrderLine l where l.order.customer.id = :id", Long.class)
                .setParameter("id", id).getResultList())).isEmpty();

        jpa.verify(shop::assertSameShop);
        assertThat(shop.softDeletedIds("order_lines")).containsExactly(1000L, 1001L);
        assertThat(shop.deletionTimestamps("customers", "orders", "order_lines")).as("one delete event").hasSize(1);
    }

    @Test
    void removingAnOrderRemovesItsLinesByJpaCascade() throws Exception {
        same("remove order 2", em -> {
            em.remove(em.find(PurchaseOrder.class, 2L));
            return "removed";
        });
        same("orphan removal of a line of order 3", em -> {
            PurchaseOrder order = em.find(PurchaseOrder.class, 3L);
            order.getLines().remove(0);
            return order.getLines().size();
        });
        sameAndNotEmpty("orders of customer 1", em -> describe(em.find(Customer.class, 1L)));
        jpa.verify(shop::assertSameShop);
        assertThat(shop.softDeletedIds("order_lines")).containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void jpqlJoinsSeeOnlyLiveRows() throws Exception {
        shop.deleteOnBoth("DELETE FROM customers WHERE id = 2", "DELETE FROM orders WHERE id = 13",
                "DELETE FROM order_lines WHERE id = 33");
        sameAndNotEmpty("customers with their order counts (left join, group by)", em -> rows(em.createQuery(
                "select c.name, count(o) from Customer c left join c.orders o group by c.name order by c.name",
                Object[].class).getResultList()));
        sameAndNotEmpty("orders of US customers (inner join)", em -> rows(em.createQuery(
                "select o.id, c.name from PurchaseOrder o join o.customer c where c.country = 'US' order by o.id",
                Object[].class).getResultList()));
        sameAndNotEmpty("quantities per product over three tables", em -> rows(em.createQuery(
                "select p.name, sum(l.quantity) from OrderLine l join l.product p join l.order o"
                        + " where o.status <> 'CANCELLED' group by p.name order by p.name",
                Object[].class).getResultList()));
        sameAndNotEmpty("implicit join in the where clause", em -> em.createQuery(
                "select o.id from PurchaseOrder o where o.customer.name like 'M%' or o.customer.country = 'US'"
                        + " order by o.id", Long.class).getResultList());
    }

    @Test
    void criteriaQueriesWithJoins() throws Exception {
        shop.deleteOnBoth("DELETE FROM orders WHERE id IN (8, 17)", "DELETE FROM order_lines WHERE id = 9");
        sameAndNotEmpty("criteria: orders over 300 of US and DE customers with their line counts", em -> {
            CriteriaBuilder cb = em.getCriteriaBuilder();
            CriteriaQuery<Tuple> q = cb.createTupleQuery();
            Root<PurchaseOrder> o = q.from(PurchaseOrder.class);
            Join<PurchaseOrder, Customer> c = o.join("customer");
            Join<PurchaseOrder, OrderLine> l = o.join("lines", JoinType.LEFT);
            q.select(cb.tuple(o.get("id"), c.get("name"), cb.count(l)))
                    .where(cb.greaterThan(o.get("total"), new BigDecimal("300")), c.get("country").in("US", "DE"))
                    .groupBy(o.get("id"), c.get("name"))
                    .orderBy(cb.asc(o.get("id")));
            return em.createQuery(q).getResultList().stream()
                    .map(t -> t.get(0) + " " + t.get(1) + " " + t.get(2)).collect(Collectors.toList());
        });
    }

    @Test
    void fetchJoinsBringOnlyLiveChildren() throws Exception {
        shop.deleteOnBoth("DELETE FROM orders WHERE id IN (2, 12)", "DELETE FROM order_lines WHERE id IN (1, 17)");
        sameAndNotEmpty("customers with their orders fetched", em -> em.createQuery(
                "select distinct c from Customer c left join fetch c.orders where c.country in ('US', 'DE', 'GB')"
                        + " order by c.id", Customer.class).getResultList().stream()
                .map(HibernateIT::describe).collect(Collectors.toList()));
        sameAndNotEmpty("orders with customer and lines fetched", em -> em.createQuery(
                "select o from PurchaseOrder o join fetch o.customer left join fetch o.lines where o.total > 300"
                        + " order by o.id", PurchaseOrder.class).getResultList().stream()
                .map(o -> o + " of " + o.getCustomer().getName() + " " + o.getLines()).collect(Collectors.toList()));
    }

    @Test
    void paginationCountsOnlyLiveRows() throws Exception {
        shop.deleteOnBoth("DELETE FROM orders WHERE total > 1300", "DELETE FROM customers WHERE id = 3");
        sameAndNotEmpty("page 2 of orders by total", em -> em.createQuery(
                "select o from PurchaseOrder o order by o.total desc, o.id", PurchaseOrder.class)
                .setFirstResult(3).setMaxResults(4).getResultList().stream().map(String::valueOf)
                .collect(Collectors.toList()));
        sameAndNotEmpty("a page of customers by name", em -> em.createQuery(
                "select c.name from Customer c order by c.name", String.class)
                .setFirstResult(2).setMaxResults(3).getResultList());
        sameAndNotEmpty("the count query of the pager", em -> em.createQuery(
                "select count(o) from PurchaseOrder o where o.status <> 'CANCELLED'", Long.class).getSingleResult());
    }

    @Test
    void subqueriesSeeOnlyLiveRows() throws Exception {
        shop.deleteOnBoth("DELETE FROM orders WHERE id IN (2, 3, 8)", "DELETE FROM customers WHERE id = 7");
        sameAndNotEmpty("exists", em -> em.createQuery("select c.name from Customer c where exists"
                + " (select o from PurchaseOrder o where o.customer = c and o.total > 1000) order by c.name",
                String.class).getResultList());
        sameAndNotEmpty("in", em -> em.createQuery("select c.name from Customer c where c.id in"
                + " (select o.customer.id from PurchaseOrder o where o.status = 'CANCELLED') order by c.name",
                String.class).getResultList());
        sameAndNotEmpty("correlated count", em -> em.createQuery("select c.name from Customer c where"
                + " (select count(o) from PurchaseOrder o where o.customer = c) >= 2 order by c.name",
                String.class).getResultList());
        sameAndNotEmpty("not exists", em -> em.createQuery("select c.name from Customer c where not exists"
                + " (select o from PurchaseOrder o where o.customer = c) order by c.name", String.class)
                .getResultList());
    }

    @Test
    void jpqlBulkUpdateChangesOnlyLiveRows() throws Exception {
        shop.deleteOnBoth("DELETE FROM orders WHERE id IN (2, 3)");
        sameAndNotEmpty("update by a plain condition", em -> em.createQuery(
                "update PurchaseOrder o set o.status = 'REVIEW' where o.total > :t")
                .setParameter("t", new BigDecimal("1000")).executeUpdate());
        sameAndNotEmpty("versioned update through an implicit join", em -> em.createQuery(
                "update versioned PurchaseOrder o set o.status = 'US' where o.customer.country = 'US'")
                .executeUpdate());
        jpa.verify(shop::assertSameShop);
    }

    @Test
    void jpqlBulkDeleteSoftDeletesAndCascades() throws Exception {
        sameAndNotEmpty("delete by a plain condition", em -> em.createQuery(
                "delete from PurchaseOrder o where o.status = 'CANCELLED'").executeUpdate());
        sameAndNotEmpty("what is left", em -> em.createQuery("select o.id from PurchaseOrder o order by o.id",
                Long.class).getResultList());
        jpa.verify(shop::assertSameShop);
        assertThat(shop.softDeletedIds("orders")).containsExactly(1L, 5L, 14L, 15L, 20L);
        assertThat(shop.softDeletedIds("order_lines")).as("lines by the cascade map").hasSize(10);
    }

    @Test
    void jpqlBulkDeleteWithAnImplicitJoin() throws Exception {
        sameAndNotEmpty("delete the orders of US customers", em -> em.createQuery(
                "delete from PurchaseOrder o where o.customer.country = :c").setParameter("c", "US").executeUpdate());
        jpa.verify(shop::assertSameShop);
        assertThat(shop.softDeletedIds("orders")).containsExactly(4L, 5L, 7L, 8L, 9L, 10L, 12L, 13L, 18L, 19L);
    }

    @Test
    void jpqlBulkDeleteOfParentsCascadesTwoLevels() throws Exception {
        sameAndNotEmpty("delete customers without email", em -> em.createQuery(
                "delete from Customer c where c.email is null").executeUpdate());
        jpa.verify(shop::assertSameShop);
        assertThat(shop.softDeletedIds("customers")).containsExactly(5L, 8L);
        assertThat(shop.softDeletedIds("orders")).containsExactly(11L);
        assertThat(shop.softDeletedIds("order_lines")).containsExactly(24L, 25L, 26L);
    }

    @Test
    void nativeQueries() throws Exception {
        shop.deleteOnBoth("DELETE FROM orders WHERE id = 17");
        sameAndNotEmpty("native count with a positional parameter", em -> ((Number) em.createNativeQuery(
                "select count(*) from orders o where o.total > ?1").setParameter(1, 500).getSingleResult())
                .longValue());
        sameAndNotEmpty("native select mapped to the entity", em -> ((List<?>) em.createNativeQuery(
                "select * from orders where customer_id = :c order by id", PurchaseOrder.class)
                .setParameter("c", 1).getResultList()).stream().map(String::valueOf).collect(Collectors.toList()));
        sameAndNotEmpty("native delete", em -> em.createNativeQuery(
                "delete from order_lines where quantity >= 4").executeUpdate());
        jpa.verify(shop::assertSameShop);
    }

    @Test
    void lazyCollectionsNeverContainDeletedChildren() throws Exception {
        shop.deleteOnBoth("DELETE FROM orders WHERE id = 2", "DELETE FROM order_lines WHERE id = 7");
        sameAndNotEmpty("customer 1's orders and lines, loaded lazily", em -> {
            Customer ada = em.find(Customer.class, 1L);
            assertThat(Hibernate.isInitialized(ada.getOrders())).as("orders still lazy").isFalse();
            return describe(ada);
        });
        jpa.sameAndNotEmpty("a child deleted after the parent was loaded, before the collection was", emf -> {
            try (EntityManager em = emf.createEntityManager()) {
                Customer ada = em.find(Customer.class, 1L);
                inOwnTransaction(emf, other -> other.remove(other.find(PurchaseOrder.class, 3L)));
                return describe(ada);
            }
        });
        jpa.verify(shop::assertSameShop);
    }

    @Test
    void updatingARowDeletedMeanwhileFailsTheSameWay() throws Exception {
        String outcome = jpa.same("stale update of an order deleted by someone else", emf -> {
            try (EntityManager em = emf.createEntityManager()) {
                em.getTransaction().begin();
                try {
                    PurchaseOrder order = em.find(PurchaseOrder.class, 7L);
                    inOwnTransaction(emf, other -> {
                        other.createQuery("delete from OrderLine l where l.order.id = 7").executeUpdate();
                        other.remove(other.find(PurchaseOrder.class, 7L));
                    });
                    order.setStatus("SHIPPED");
                    try {
                        em.getTransaction().commit();
                        return "committed";
                    } catch (RuntimeException e) {
                        return e.getClass().getSimpleName();
                    }
                } finally {
                    if (em.getTransaction().isActive()) {
                        em.getTransaction().rollback();
                    }
                }
            }
        });
        assertThat(outcome).isEqualTo("RollbackException");
        jpa.verify(shop::assertSameShop);
    }

    @Test
    void persistingAnOrderForADeletedCustomerFailsAsIfTheCustomerWereGone() throws Exception {
        shop.deleteOnBoth("DELETE FROM customers WHERE id = 3");
        same("persist an order referencing the deleted customer by reference", em -> {
            PurchaseOrder order = new PurchaseOrder(em.getReference(Customer.class, 3L), "NEW", BigDecimal.ONE,
                    LocalDate.of(2025, 1, 2));
            em.persist(order);
            em.flush();
            return order.getId();
        });
        jpa.verify(shop::assertSameShop);
    }

    @Test
    void mergingADetachedCustomerDeletedMeanwhileFailsTheSameWay() throws Exception {
        String outcome = jpa.same("merge of a detached customer whose row was deleted", emf -> {
            Customer detached = emf.callInTransaction(em -> em.find(Customer.class, 5L));
            inOwnTransaction(emf, em -> em.createQuery("delete from Customer c where c.id = 5").executeUpdate());
            detached.setName("Edsger W.");
            try {
                return emf.callInTransaction(em -> em.merge(detached)).toString();
            } catch (RuntimeException e) {
                return e.getClass().getSimpleName();
            }
        });
        assertThat(outcome).isEqualTo("OptimisticLockException");
        jpa.verify(shop::assertSameShop);
    }

    @Test
    void removingACustomerWithLiveReviewsFailsAsTheForeignKeyRestricts() throws Exception {
        same("remove a customer whose reviews (unmapped) restrict it", em -> {
            em.remove(em.find(Customer.class, 9L));
            em.flush();
            return "removed";
        });
        jpa.verify(shop::assertSameShop);
    }

    @Test
    void findAndGetReferenceOfDeletedRows() throws Exception {
        shop.deleteOnBoth("DELETE FROM customers WHERE id = 3");
        assertThat(this.<String>same("find a deleted customer", em -> String.valueOf(em.find(Customer.class, 3L))))
                .isEqualTo("null");
        assertThat(this.<String>same("find an order deleted by the cascade", em -> String.valueOf(
                em.find(PurchaseOrder.class, 6L)))).isEqualTo("null");
        String reference = same("initialise a reference to a deleted customer", em -> {
            try {
                return em.getReference(Customer.class, 3L).getName();
            } catch (RuntimeException e) {
                return e.getClass().getSimpleName();
            }
        });
        assertThat(reference).isEqualTo("EntityNotFoundException");
    }

    /** Runs {@code work} in a transaction of a second entity manager, rolled back if it fails. */
    private static void inOwnTransaction(EntityManagerFactory emf, java.util.function.Consumer<EntityManager> work) {
        try (EntityManager other = emf.createEntityManager()) {
            other.getTransaction().begin();
            try {
                work.accept(other);
                other.getTransaction().commit();
            } finally {
                if (other.getTransaction().isActive()) {
                    other.getTransaction().rollback();
                }
            }
        }
    }

    /** A customer with its orders and their lines, initialising the lazy collections. */
    static String describe(Customer customer) {
        if (customer == null) {
            return "null";
        }
        return customer + ": " + customer.getOrders().stream()
                .map(o -> o + " " + o.getLines()).collect(Collectors.joining("; "));
    }

    private static List<String> rows(List<Object[]> rows) {
        return rows.stream().map(r -> java.util.Arrays.toString(r)).collect(Collectors.toList());
    }
}
