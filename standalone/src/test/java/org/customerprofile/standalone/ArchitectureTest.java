package org.customerprofile.standalone;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The module boundaries of the architecture, checked on the compiled classes of every module. */
@AnalyzeClasses(packages = "org.customerprofile", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule sharedApiHasNoSpring = noClasses()
            .that().resideInAPackage("org.customerprofile.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
            .because("the published contract must be usable without Spring");

    @ArchTest
    static final ArchRule sharedApiNeedsOnlyAxonsRoutingAnnotation = noClasses()
            .that().resideInAPackage("org.customerprofile.api..")
            .should().dependOnClassesThat(resideInAPackage("org.axonframework..").and(not(type(TargetAggregateIdentifier.class))))
            .orShould().dependOnClassesThat().resideInAnyPackage("org.customerprofile.command..", "org.customerprofile.query..",
                    "org.customerprofile.web..", "org.customerprofile.standalone..")
            .because("events and commands are records other services read without our runtime");

    @ArchTest
    static final ArchRule publishedEventsStandApartFromStoredEvents = noClasses()
            .that().resideInAPackage("org.customerprofile.api.published..")
            .should().dependOnClassesThat().resideOutsideOfPackages("org.customerprofile.api.published..", "java..",
                    "com.fasterxml.jackson.annotation..")
            .because("what consumers read (docs/events.md) must not change when the event-sourcing classes do");

    @ArchTest
    static final ArchRule querySideDispatchesNoCommands = noClasses()
            .that().resideInAPackage("org.customerprofile.query..")
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.customerprofile.command..")
            .because("the read side only reads events and answers queries");

    @ArchTest
    static final ArchRule commandSideDoesNotReadTheReadModel = noClasses()
            .that().resideInAPackage("org.customerprofile.command..")
            .should().dependOnClassesThat().resideInAnyPackage("org.customerprofile.query..", "org.springframework.data.mongodb..")
            .because("decisions are made against the event store, never the eventually consistent read model");

    @ArchTest
    static final ArchRule nothingDependsOnStandalone = noClasses()
            .that().resideOutsideOfPackage("org.customerprofile.standalone..")
            .should().dependOnClassesThat().resideInAPackage("org.customerprofile.standalone..")
            .because("standalone is composition only");
}
