/**
 * The shop as an application maps it with JPA: plain entities over the shop tables, written as if soft delete did
 * not exist. Nothing here knows about the driver or the {@code is_deleted}/{@code deleted_at} columns; the only hint
 * about deletes is Hibernate's own {@code @OnDelete(CASCADE)}, which says the database removes an order's lines and
 * a customer's orders (the hard database by its foreign keys, the soft one by the driver's cascade map). Used by the
 * Hibernate and the Spring Data JPA tests.
 */
package dev.softdelete.clients.model;
