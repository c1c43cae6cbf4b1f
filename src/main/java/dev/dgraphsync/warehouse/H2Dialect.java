package dev.dgraphsync.warehouse;

/** The embedded default warehouse. */
public class H2Dialect implements WarehouseDialect {

    @Override
    public String textType() {
        return "CHARACTER VARYING";
    }

    /** DECFLOAT keeps any decimal exactly; H2's NUMERIC without a scale would round prices to integers. */
    @Override
    public String decimalType() {
        return "DECFLOAT";
    }

    /** Nanoseconds, as Dgraph keeps them (H2's default is microseconds). */
    @Override
    public String timestampType() {
        return "TIMESTAMP(9) WITH TIME ZONE";
    }

    @Override
    public java.time.temporal.ChronoUnit timestampUnit() {
        return java.time.temporal.ChronoUnit.NANOS;
    }
}
