package dev.meridian.store;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The store's packages form layers: {@code dev.meridian.store} (opening the database) above {@code store.repo} above
 * {@code store.model}, with no package cycle.
 */
class StoreArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.meridian.store");

    @Test
    void packages_areFreeOfCycles() {
        // "dev.meridian.store.(**)" would leave out dev.meridian.store itself (the pattern needs a dot after "store"),
        // and with it every cycle through Database; "dev.meridian.(**)" gives the root package a slice of its own.
        slices().matching("dev.meridian.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
