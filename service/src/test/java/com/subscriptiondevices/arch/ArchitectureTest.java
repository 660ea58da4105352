package com.subscriptiondevices.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.readmodel.ReadModel;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The module boundaries, as rules over the compiled classes. Every rule is checked to select real classes. */
class ArchitectureTest {

    private static final String API = "com.subscriptiondevices.api..";
    private static final String COMMAND = "com.subscriptiondevices.command..";
    private static final String QUERY = "com.subscriptiondevices.query..";
    private static final String PLATFORM = "com.subscriptiondevices.platform..";
    private static final String READ_MODELS = "com.subscriptiondevices.readmodel..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.subscriptiondevices");
    }

    @ParameterizedTest
    @ValueSource(strings = {API, COMMAND, QUERY, PLATFORM, READ_MODELS})
    void every_package_a_rule_names_holds_classes(String pattern) {
        assertThat(classes.that(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(pattern)))
                .isNotEmpty();
    }

    @Test
    void the_command_side_never_uses_the_query_side() {
        rule(noClasses()
                .that()
                .resideInAPackage(COMMAND)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(QUERY));
    }

    @Test
    void the_query_side_never_uses_the_command_side() {
        rule(noClasses()
                .that()
                .resideInAPackage(QUERY)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(COMMAND));
    }

    @Test
    void read_models_know_neither_side() {
        rule(noClasses()
                .that()
                .resideInAPackage(READ_MODELS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(COMMAND, QUERY));
    }

    @Test
    void only_the_command_side_writes_the_live_read_models_and_only_through_their_projections() {
        rule(noClasses()
                .that()
                .resideInAPackage(QUERY)
                .should()
                .callMethod(ReadModel.class, "projection", String.class));
        rule(noClasses()
                .that()
                .resideInAPackage(COMMAND)
                .and()
                .resideOutsideOfPackage("com.subscriptiondevices.command.readmodel..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(READ_MODELS));
    }

    @Test
    void shared_api_holds_no_spring() {
        rule(noClasses()
                .that()
                .resideInAPackage(API)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework.."));
    }

    @Test
    void the_platform_knows_neither_side_nor_the_read_models() {
        rule(noClasses()
                .that()
                .resideInAPackage(PLATFORM)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(COMMAND, QUERY, READ_MODELS));
    }

    @Test
    void events_are_versioned() {
        rule(classes()
                .that()
                .resideInAPackage(API)
                .and()
                .haveNameMatching(".*(Created|Added|Changed|Requested|Replaced|Rejected)")
                .should()
                .beAnnotatedWith(org.axonframework.serialization.Revision.class));
    }

    @Test
    void the_aggregate_does_no_io_and_holds_no_beans() {
        rule(noClasses()
                .that()
                .areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.jdbc..", "java.sql..", "javax.sql..", "java.net..", "java.io.."));
    }

    /** Fails when the rule's "that" selects nothing, so a rule can never pass by naming a package that is gone. */
    private static void rule(ArchRule rule) {
        rule.allowEmptyShould(false).check(classes);
    }
}
