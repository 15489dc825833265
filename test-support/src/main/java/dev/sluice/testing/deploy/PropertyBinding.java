package dev.sluice.testing.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Checks that environment variables mean something to an application: each must fall under one of
 * the given property groups, be read by a property of that group's {@code @ConfigurationProperties}
 * type, and hold a value that converts (as Spring Boot binds them, with relaxed names).
 */
public final class PropertyBinding {

  /**
   * A group of properties.
   *
   * @param prefixes the canonical prefixes whose variables belong to this group
   * @param bindPrefix where the type binds
   * @param type the {@code @ConfigurationProperties} type
   */
  public record Group(List<String> prefixes, String bindPrefix, Class<?> type) {

    public static Group of(String prefix, Class<?> type) {
      return new Group(List.of(prefix), prefix, type);
    }
  }

  private PropertyBinding() {}

  /** What is wrong with the variables, one line each; empty if nothing is. */
  public static List<String> problems(Map<String, String> environment, List<Group> groups) {
    var problems = new ArrayList<String>();
    var byGroup = new LinkedHashMap<Group, Map<String, Object>>();
    for (var variable : environment.entrySet()) {
      String name = variable.getKey().toLowerCase(Locale.ROOT).replace('_', '.');
      Group group =
          groups.stream()
              .filter(g -> g.prefixes().stream().anyMatch(p -> name.startsWith(p.replace("-", ""))))
              .findFirst()
              .orElse(null);
      if (group == null) {
        problems.add(variable.getKey() + " maps to no property of this application");
        continue;
      }
      byGroup
          .computeIfAbsent(group, g -> new LinkedHashMap<>())
          .put(variable.getKey(), variable.getValue());
    }
    byGroup.forEach((group, variables) -> problems.addAll(bind(group, variables)));
    return problems;
  }

  private static List<String> bind(Group group, Map<String, Object> variables) {
    // the name makes Spring Boot map names as it maps the real environment's (relaxed)
    var source =
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables);
    var binder = new Binder(ConfigurationPropertySources.from(source));
    var bound = new HashSet<String>();
    BindHandler recorder =
        new AbstractBindHandler() {
          @Override
          public @Nullable Object onSuccess(
              ConfigurationPropertyName name,
              Bindable<?> target,
              BindContext context,
              Object result) {
            bound.add(name.toString());
            return result;
          }
        };
    try {
      binder.bind(group.bindPrefix(), Bindable.of(group.type()), recorder);
    } catch (BindException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return List.of(variables.keySet() + ": " + cause.getMessage());
    }
    var problems = new ArrayList<String>();
    for (String variable : variables.keySet()) {
      if (bound.stream().noneMatch(name -> environmentNames(name).contains(variable))) {
        problems.add(variable + " is read by no property of " + group.type().getSimpleName());
      }
    }
    return problems;
  }

  /**
   * The variable names Spring Boot reads a property from: dashes removed ({@code
   * SLUICE_QUEUE_MAXLENGTH}), or in the legacy form with dashes as underscores.
   */
  private static Set<String> environmentNames(String property) {
    String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
    return new HashSet<>(List.of(upper.replace("-", ""), upper.replace('-', '_')));
  }
}
