package dev.dgraphsync.config;

/** A setting that cannot work; the message starts with the setting's name. The command line exits 2. */
public class InvalidSettingException extends RuntimeException {
    public InvalidSettingException(String setting, String problem) {
        super(setting + ": " + problem);
    }
}
