package io.progressivedialer;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Feature packages depend one way: no package reaches, directly or round about, back to one that uses it. */
class PackageDependenciesTest {

    private final JavaClasses dialer = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.progressivedialer");

    @Test
    void featurePackagesFormNoCycle() {
        slices().matching("io.progressivedialer.(*)..").should().beFreeOfCycles().check(dialer);
    }
}
