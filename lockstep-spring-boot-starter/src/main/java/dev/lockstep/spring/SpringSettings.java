package dev.lockstep.spring;

import dev.lockstep.Lockstep;
import dev.lockstep.Setting;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The {@code lockstep.*} properties: each setting of the registry under its lockstep.toml name, e.g.
 * {@code lockstep.lock-timeout=2s}, {@code lockstep.lint.disable=prefer-text-field},
 * {@code lockstep.lint.severity.ban-drop-column=error}. Relaxed binding applies, so the registry's
 * environment variables ({@code LOCKSTEP_LOCK_TIMEOUT}) work as well.
 */
final class SpringSettings {
    static final String PREFIX = "lockstep.";
    static final String DEFAULT_LOCATION = "classpath:db/migration";

    private SpringSettings() {
    }

    /** Copies every {@code lockstep.*} property that names a setting onto the builder. */
    static Lockstep.Builder apply(Environment environment, Lockstep.Builder builder) {
        Binder binder = Binder.get(environment);
        builder.set(Setting.LOCATIONS.name(), DEFAULT_LOCATION);
        for (Setting<?> s : Setting.all()) {
            String key = PREFIX + s.name();
            if (s.defaultValue() instanceof Map<?, ?>) {
                binder.bind(key, Bindable.mapOf(String.class, String.class))
                        .ifBound(map -> builder.with(b -> set(b, s, map)));
                continue;
            }
            String text = environment.getProperty(key);
            if (text == null) {
                text = binder.bind(key, Bindable.listOf(String.class)).map(l -> String.join(",", l)).orElse(null);
            }
            if (text != null) {
                builder.set(s.name(), text);
            }
        }
        return builder;
    }

    private static <T> void set(dev.lockstep.LockstepConfig.Builder b, Setting<T> s, Object value) {
        b.set(s, s.parse(value), "spring property " + PREFIX + s.name());
    }
}
