package dev.meridian.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Data residency: for each rule, named after the caller's location or jurisdiction, the countries where a
 * deployment may process the caller's data. Immutable and thread-safe.
 *
 * <p>The {@linkplain #seedDefaults() seed rules} are the seed design's {@code data_residency_rules}:
 * <ul>
 *   <li>{@code CN} (strict): {@code CN} only;</li>
 *   <li>{@code EU} (moderate): {@code EU}, {@code US}, {@code UK}, {@code CA};</li>
 *   <li>{@code US} (relaxed): {@code *}, anywhere.</li>
 * </ul>
 *
 * <p>Matching, in {@link #allows}:
 * <ul>
 *   <li>Rule names are case-insensitive; deployment countries too.</li>
 *   <li>{@code "*"} allows every deployment, even one whose country is not known.</li>
 *   <li>{@code "EU"} allows the 27 member states ({@link #EU_MEMBER_STATES}) and a deployment whose country is
 *       the literal {@code "EU"}.</li>
 *   <li>{@code "UK"} and {@code "GB"} are the same country, in rules and in deployments.</li>
 *   <li>A deployment with no country (null or blank) is allowed only by a rule containing {@code "*"}: an
 *       unknown location is never assumed compliant.</li>
 * </ul>
 */
public final class ResidencyRules {

    /** The 27 member states of the European Union (ISO 3166-1 alpha-2; Greece is {@code GR}). */
    public static final Set<String> EU_MEMBER_STATES = Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    private static final String ANYWHERE = "*";
    private static final String EU = "EU";
    private static final Set<String> ISO_COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
    private static final Pattern ALPHA_2 = Pattern.compile("[A-Z]{2}");

    private static final ResidencyRules SEED = of(Map.of(
            "CN", List.of("CN"),
            "EU", List.of("EU", "US", "UK", "CA"),
            "US", List.of(ANYWHERE)));

    /** Allowed entries by upper-case rule name; countries in canonical form ({@code UK} written {@code GB}). */
    private final Map<String, Set<String>> allowedByRule;

    private ResidencyRules(Map<String, Set<String>> allowedByRule) {
        this.allowedByRule = allowedByRule;
    }

    /** The seed's three rules, {@code CN}, {@code EU} and {@code US}. */
    public static ResidencyRules seedDefaults() {
        return SEED;
    }

    /**
     * Rules from configuration: rule name → allowed entries. An entry is an upper-case ISO 3166-1 alpha-2 country
     * code, {@code "UK"} (the same as {@code "GB"}), the group {@code "EU"}, or {@code "*"}.
     *
     * @throws IllegalArgumentException naming the entry or rule, if a rule name is blank or given twice (names
     *                                  are case-insensitive), a list is empty, or an entry is not one of the above
     * @throws NullPointerException     if a name, list or entry is null
     */
    public static ResidencyRules of(Map<String, List<String>> allowedCountriesByRule) {
        requireNonNull(allowedCountriesByRule, "allowedCountriesByRule");
        Map<String, Set<String>> rules = new TreeMap<>();
        allowedCountriesByRule.forEach((name, entries) -> {
            String rule = ruleKey(requireNonNull(name, "rule name"));
            if (rule.isEmpty()) {
                throw new IllegalArgumentException("residency rule name must not be blank");
            }
            requireNonNull(entries, "allowed countries of residency rule " + name);
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("residency rule " + name + " must allow at least one country");
            }
            Set<String> allowed = new LinkedHashSet<>();
            for (String entry : entries) {
                allowed.add(checkedEntry(name, requireNonNull(entry, "country of residency rule " + name)));
            }
            if (rules.put(rule, Collections.unmodifiableSet(allowed)) != null) {
                throw new IllegalArgumentException("residency rule " + name + " is given twice (names ignore case)");
            }
        });
        return new ResidencyRules(Collections.unmodifiableMap(rules));
    }

    /** Whether a rule of this name exists (case-insensitive); false for null. */
    public boolean knows(String rule) {
        return rule != null && allowedByRule.containsKey(ruleKey(rule));
    }

    /**
     * Whether a deployment in {@code deploymentCountry} may serve a caller under {@code rule}.
     *
     * @param rule              the rule's name, case-insensitive
     * @param deploymentCountry the deployment's country code, case-insensitive; null or blank when not known
     * @throws IllegalArgumentException if there is no such rule (check with {@link #knows})
     */
    public boolean allows(String rule, String deploymentCountry) {
        Set<String> allowed = allowedByRule.get(ruleKey(requireNonNull(rule, "rule")));
        if (allowed == null) {
            throw new IllegalArgumentException("unknown residency rule '" + rule + "'; known: " + ruleNames());
        }
        if (allowed.contains(ANYWHERE)) {
            return true;
        }
        if (deploymentCountry == null || deploymentCountry.isBlank()) {
            return false;
        }
        String country = canonicalCountry(deploymentCountry.strip().toUpperCase(Locale.ROOT));
        return allowed.contains(country) || (allowed.contains(EU) && EU_MEMBER_STATES.contains(country));
    }

    /** The rule names, upper case, sorted. */
    public Set<String> ruleNames() {
        return allowedByRule.keySet();
    }

    private static String ruleKey(String name) {
        return name.strip().toUpperCase(Locale.ROOT);
    }

    private static String checkedEntry(String rule, String entry) {
        if (entry.equals(ANYWHERE) || entry.equals(EU)) {
            return entry;
        }
        String country = canonicalCountry(entry);
        if (!ALPHA_2.matcher(country).matches() || !ISO_COUNTRIES.contains(country)) {
            throw new IllegalArgumentException("residency rule " + rule + " allows '" + entry
                    + "', which is not an upper-case ISO 3166-1 alpha-2 country code, \"EU\" or \"*\"");
        }
        return country;
    }

    private static String canonicalCountry(String code) {
        return code.equals("UK") ? "GB" : code;
    }
}
