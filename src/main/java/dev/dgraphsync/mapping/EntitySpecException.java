package dev.dgraphsync.mapping;

/** An entity definition that cannot be used; the message names the file and the setting at fault. */
public class EntitySpecException extends RuntimeException {
    public EntitySpecException(String message) {
        super(message);
    }
}
