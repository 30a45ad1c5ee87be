package dev.caravan.auth;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Captures what the production log configuration (src/main/resources/log4j2.properties) writes: an extra appender on
 * the root logger that formats every event with the console appender's own layout, redaction included.
 *
 * <p>By reflection because log4j-core is a runtime-only dependency (nothing in Caravan may depend on it at compile
 * time); the appender is a dynamic proxy of log4j's Appender interface.
 */
public final class LogCapture implements AutoCloseable {

    private static final String NAME = "caravan-log-capture";

    private final List<String> lines = new ArrayList<>();
    private final Object context;
    private final Object configuration;
    private final Map<String, Object> previousLevels;
    private final String attachedTo;

    private LogCapture(Object context, Object configuration, Map<String, Object> previousLevels, String attachedTo) {
        this.context = context;
        this.configuration = configuration;
        this.previousLevels = previousLevels;
        this.attachedTo = attachedTo;
    }

    /**
     * Starts capturing, with the given loggers (logger name to log4j level name; "" is the root) set to that level
     * until {@link #close()}.
     */
    static LogCapture start(Map<String, String> levels) {
        return start("", "out", levels);
    }

    /**
     * Captures what one logger with its own appender (additivity off, so the root never sees it) writes, formatted
     * with that appender's layout: {@code caravan.requests} and its {@code requests} appender.
     */
    public static LogCapture onLogger(String loggerName, String appenderName) {
        return start(loggerName, appenderName, Map.of());
    }

    private static LogCapture start(String attachTo, String layoutOf, Map<String, String> levels) {
        try {
            Object context = Class.forName("org.apache.logging.log4j.LogManager").getMethod("getContext", boolean.class)
                    .invoke(null, false);
            Object configuration = call(context, "getConfiguration");
            Object console = configuration.getClass().getMethod("getAppender", String.class)
                    .invoke(configuration, layoutOf);
            Object layout = call(console, "getLayout");
            Class<?> levelClass = Class.forName("org.apache.logging.log4j.Level");
            Map<String, Object> previous = new java.util.LinkedHashMap<>();
            LogCapture capture = new LogCapture(context, configuration, previous, attachTo);
            Object appender = capture.appender(layout);
            Object root = loggerConfig(configuration, attachTo);
            Class<?> filterClass = Class.forName("org.apache.logging.log4j.core.Filter");
            root.getClass().getMethod("addAppender", Class.forName("org.apache.logging.log4j.core.Appender"),
                    levelClass, filterClass).invoke(root, appender, null, null);
            for (Map.Entry<String, String> level : levels.entrySet()) {
                Object config = loggerConfig(configuration, level.getKey());
                previous.put(level.getKey(), call(config, "getLevel"));
                config.getClass().getMethod("setLevel", levelClass)
                        .invoke(config, levelClass.getMethod("toLevel", String.class).invoke(null, level.getValue()));
            }
            call(context, "updateLoggers");
            return capture;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("log4j-core is not the logging backend", e);
        }
    }

    /** Everything captured so far, one formatted event per entry. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized String text() {
        return String.join("", lines);
    }

    @Override
    public void close() {
        try {
            Object root = loggerConfig(configuration, attachedTo);
            root.getClass().getMethod("removeAppender", String.class).invoke(root, NAME);
            Class<?> levelClass = Class.forName("org.apache.logging.log4j.Level");
            for (Map.Entry<String, Object> level : previousLevels.entrySet()) {
                Object config = loggerConfig(configuration, level.getKey());
                config.getClass().getMethod("setLevel", levelClass).invoke(config, level.getValue());
            }
            call(context, "updateLoggers");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void add(String line) {
        lines.add(line);
    }

    /**
     * The logger's own configuration: an existing one (root for ""), or a new one added for just that name (the
     * nearest configured parent's appenders still apply, through additivity).
     */
    private static Object loggerConfig(Object configuration, String name) throws ReflectiveOperationException {
        if (name.isEmpty()) {
            return call(configuration, "getRootLogger");
        }
        Object existing = configuration.getClass().getMethod("getLoggerConfig", String.class)
                .invoke(configuration, name);
        if (call(existing, "getName").equals(name)) {
            return existing;
        }
        Class<?> loggerConfigClass = Class.forName("org.apache.logging.log4j.core.config.LoggerConfig");
        Object created = loggerConfigClass.getConstructor(String.class, Class.forName("org.apache.logging.log4j.Level"),
                boolean.class).newInstance(name, call(existing, "getLevel"), true);
        configuration.getClass().getMethod("addLogger", String.class, loggerConfigClass)
                .invoke(configuration, name, created);
        return created;
    }

    private Object appender(Object layout) throws ClassNotFoundException {
        Class<?> appenderClass = Class.forName("org.apache.logging.log4j.core.Appender");
        Class<?> eventClass = Class.forName("org.apache.logging.log4j.core.LogEvent");
        Class<?> stateClass = Class.forName("org.apache.logging.log4j.core.LifeCycle$State");
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "append":
                    Method format = layout.getClass().getMethod("toSerializable", eventClass);
                    add(String.valueOf(format.invoke(layout, args[0])));
                    return null;
                case "getName":
                    return NAME;
                case "getLayout":
                    return layout;
                case "isStarted":
                case "ignoreExceptions":
                    return true;
                case "isStopped":
                    return false;
                case "getState":
                    return Enum.valueOf(stateClass.asSubclass(Enum.class), "STARTED");
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return NAME;
                default:
                    // start, stop, initialize, setHandler: nothing to do for an in-memory list
                    return null;
            }
        };
        return Proxy.newProxyInstance(appenderClass.getClassLoader(), new Class<?>[] {appenderClass}, handler);
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        return target.getClass().getMethod(method).invoke(target);
    }
}
