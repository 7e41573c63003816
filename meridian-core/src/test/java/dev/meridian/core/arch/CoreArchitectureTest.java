package dev.meridian.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lines core's design rests on, held by the build rather than by review. */
class CoreArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.meridian.core");
    }

    @Test
    void providers_doNotDependOnEachOther() {
        slices().matching("dev.meridian.core.provider.(*)..")
                .should()
                .notDependOnEachOther()
                .check(core);
    }

    @Test
    void protocols_doNotDependOnEachOther() {
        slices().matching("dev.meridian.core.protocol.(*)..")
                .should()
                .notDependOnEachOther()
                .check(core);
    }

    @Test
    void packages_haveNoCycles() {
        slices().matching("dev.meridian.core.(**)").should().beFreeOfCycles().check(core);
    }

    @Test
    void core_isFreeOfVertxAndIo() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vertx..",
                        "io.netty..",
                        "java.net.http..",
                        "java.nio.file..",
                        "java.nio.channels..",
                        "java.sql..",
                        "javax.sql..")
                .orShould()
                .dependOnClassesThat()
                .haveNameMatching(
                        "java\\.net\\.(Socket|ServerSocket|DatagramSocket|URLConnection|HttpURLConnection|URL)")
                .orShould()
                .dependOnClassesThat()
                .haveNameMatching("java\\.io\\.(File|FileInputStream|FileOutputStream"
                        + "|FileReader|FileWriter|RandomAccessFile)")
                .because("core is pure (URI parsing is fine, reaching anything is not): codecs, routing rules and"
                        + " translation are tested without a server")
                .check(core);
    }
}
