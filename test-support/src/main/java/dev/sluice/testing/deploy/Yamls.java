package dev.sluice.testing.deploy;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Walking parsed YAML. */
public final class Yamls {

  private Yamls() {}

  /** The value at a path of keys, or null where the path ends early. */
  public static @Nullable Object at(Map<?, ?> map, String... keys) {
    Object current = map;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(key);
    }
    return current;
  }
}
