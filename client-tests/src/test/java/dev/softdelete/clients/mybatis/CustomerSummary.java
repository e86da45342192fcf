package dev.softdelete.clients.mybatis;

/** A customer with the number of its orders and of items ordered. */
public class CustomerSummary {
    private String name;
    private long orders;
    private long items;

    public void setName(String name) {
        this.name = name;
    }

    public void setOrders(long orders) {
        this.orders = orders;
    }

    public void setItems(long items) {
        this.items = items;
    }

    @Override
    public String toString() {
        return name + ": " + orders + " orders, " + items + " items";
    }
}
