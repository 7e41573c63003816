package dev.meridian.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which deployment regions are near a caller: caller location → nearby regions, nearest first. Immutable and
 * thread-safe; every name is compared case-insensitively.
 *
 * <p>The {@linkplain #seedDefaults() seed table} is the seed design's {@code location_region_map}:
 * {@code us → [us-west, us-east]}, {@code eu → [eu-west, eu-central]}, {@code asia → [ap-southeast, ap-northeast]}.
 *
 * <p>A deployment region <em>is</em> a table region when it equals it or extends it with a suffix that starts
 * with {@code '-'} or a digit: {@code us-east-1} and {@code us-east2} are {@code us-east}, {@code us-eastern} is
 * not. When several table regions fit, the longest wins. {@link #distance} ranks at the granularity of table
 * regions, so {@code eu-west-1} and {@code eu-west-2} are at distance 0 from each other.
 */
public final class RegionTable {

    private static final RegionTable SEED = of(Map.of(
            "us", List.of("us-west", "us-east"),
            "eu", List.of("eu-west", "eu-central"),
            "asia", List.of("ap-southeast", "ap-northeast")));

    /** Lower-case location → lower-case regions, nearest first, in configuration order. */
    private final Map<String, List<String>> regionsByLocation;

    private RegionTable(Map<String, List<String>> regionsByLocation) {
        this.regionsByLocation = regionsByLocation;
    }

    /** The seed's table: {@code us}, {@code eu} and {@code asia}. */
    public static RegionTable seedDefaults() {
        return SEED;
    }

    /**
     * A table from configuration: location → nearby regions, nearest first.
     *
     * @throws IllegalArgumentException naming the location, if a location is blank or given twice (ignoring
     *                                  case), or its list is empty or holds a blank or repeated region
     * @throws NullPointerException     if a location, list or region is null
     */
    public static RegionTable of(Map<String, List<String>> regionsByLocation) {
        requireNonNull(regionsByLocation, "regionsByLocation");
        Map<String, List<String>> table = new LinkedHashMap<>();
        regionsByLocation.forEach((location, regions) -> {
            String key = normalize(requireNonNull(location, "location"));
            if (key.isEmpty()) {
                throw new IllegalArgumentException("region table location must not be blank");
            }
            if (table.put(key, checkedRegions(location, regions)) != null) {
                throw new IllegalArgumentException(
                        "region table location " + location + " is given twice (names ignore case)");
            }
        });
        return new RegionTable(Collections.unmodifiableMap(table));
    }

    /** The regions near {@code location}, nearest first, lower case; empty for an unknown or null location. */
    public List<String> nearbyRegions(String location) {
        return location == null ? List.of() : regionsByLocation.getOrDefault(normalize(location), List.of());
    }

    /**
     * How far a deployment region is from a caller, smaller is nearer:
     * <ul>
     *   <li>{@code callerLocation} null or blank: 0 for every region (no preference);</li>
     *   <li>the caller's location equals the deployment region: 0;</li>
     *   <li>the caller names a location of the table ({@code "eu"}): the position of the deployment's table
     *       region in that location's list (0 for the first);</li>
     *   <li>the caller names a region ({@code "eu-west"}, {@code "eu-west-1"}): 0 when the deployment is in the
     *       same table region, 1 when both regions are listed together under one location;</li>
     *   <li>anything else, including a null deployment region: {@link Integer#MAX_VALUE}.</li>
     * </ul>
     * A location is looked up before a region of the same name.
     */
    public int distance(String callerLocation, String deploymentRegion) {
        if (callerLocation == null || callerLocation.isBlank()) {
            return 0;
        }
        if (deploymentRegion == null || deploymentRegion.isBlank()) {
            return Integer.MAX_VALUE;
        }
        String caller = normalize(callerLocation);
        String deployment = normalize(deploymentRegion);
        if (caller.equals(deployment)) {
            return 0;
        }
        Optional<String> deploymentRegionInTable = tableRegion(deployment);
        if (deploymentRegionInTable.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        String target = deploymentRegionInTable.get();
        List<String> nearby = regionsByLocation.get(caller);
        if (nearby != null) {
            int position = nearby.indexOf(target);
            return position >= 0 ? position : Integer.MAX_VALUE;
        }
        return tableRegion(caller)
                .map(callerRegion -> regionDistance(callerRegion, target))
                .orElse(Integer.MAX_VALUE);
    }

    private int regionDistance(String callerRegion, String deploymentRegion) {
        if (callerRegion.equals(deploymentRegion)) {
            return 0;
        }
        for (List<String> regions : regionsByLocation.values()) {
            if (regions.contains(callerRegion) && regions.contains(deploymentRegion)) {
                return 1;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The longest table region that {@code region} equals or extends with a {@code '-'} or digit suffix. */
    private Optional<String> tableRegion(String region) {
        String best = null;
        for (List<String> regions : regionsByLocation.values()) {
            for (String candidate : regions) {
                if (isWithin(region, candidate) && (best == null || candidate.length() > best.length())) {
                    best = candidate;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean isWithin(String region, String tableRegion) {
        if (!region.startsWith(tableRegion)) {
            return false;
        }
        if (region.length() == tableRegion.length()) {
            return true;
        }
        char next = region.charAt(tableRegion.length());
        return next == '-' || (next >= '0' && next <= '9');
    }

    private static List<String> checkedRegions(String location, List<String> regions) {
        requireNonNull(regions, "regions of location " + location);
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("region table location " + location + " must list at least one region");
        }
        List<String> checked = new ArrayList<>(regions.size());
        var seen = new HashSet<String>();
        for (String region : regions) {
            String name = normalize(requireNonNull(region, "region of location " + location));
            if (name.isEmpty()) {
                throw new IllegalArgumentException("region table location " + location + " lists a blank region");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("region table location " + location + " lists " + region + " twice");
            }
            checked.add(name);
        }
        return List.copyOf(checked);
    }

    private static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
