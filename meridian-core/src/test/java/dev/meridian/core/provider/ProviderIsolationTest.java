package dev.meridian.core.provider;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Providers never import each other: what they share lives in the protocol codecs or the provider SPI. */
class ProviderIsolationTest {

    @Test
    void providers_doNotDependOnEachOther() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.meridian.core");
        slices().matching("dev.meridian.core.provider.(*)..").should().notDependOnEachOther().check(classes);
    }
}
