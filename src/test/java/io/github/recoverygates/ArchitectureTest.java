package io.github.recoverygates;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** DESIGN.md's rules of the house, as tests: core depends on nothing of ours, gates only on core. */
@AnalyzeClasses(packages = "io.github.recoverygates", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] GATES = {
        "..recoverygates.syntax..", "..recoverygates.ssot..", "..recoverygates.recovery..", "..recoverygates.goldenpath.."};

    @ArchTest
    static final ArchRule coreDependsOnNothingElseOfOurs = noClasses()
            .that().resideInAPackage("..recoverygates.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "..recoverygates.syntax..", "..recoverygates.ssot..", "..recoverygates.recovery..",
                    "..recoverygates.goldenpath..", "..recoverygates.render..", "..recoverygates.render..",
                    "..recoverygates.cli..", "..recoverygates.api..");

    @ArchTest
    static final ArchRule gatesDependOnlyOnCore = noClasses()
            .that().resideInAnyPackage(GATES)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "..recoverygates.render..", "..recoverygates.render..", "..recoverygates.cli..", "..recoverygates.api..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule syntaxDoesNotImportOtherGates = gateIsolated("syntax");
    @ArchTest
    static final ArchRule ssotDoesNotImportOtherGates = gateIsolated("ssot");
    @ArchTest
    static final ArchRule recoveryDoesNotImportOtherGates = gateIsolated("recovery");
    @ArchTest
    static final ArchRule goldenPathDoesNotImportOtherGates = gateIsolated("goldenpath");

    @ArchTest
    static final ArchRule reportsAndWrappersReadGatesOnlyThroughTheSpi = noClasses()
            .that().resideInAnyPackage("..recoverygates.render..", "..recoverygates.render..",
                    "..recoverygates.cli..", "..recoverygates.api..")
            .should().dependOnClassesThat().resideInAnyPackage(GATES)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyTheCliExits = noClasses()
            .that().resideOutsideOfPackage("..recoverygates.cli..")
            .should().callMethod(System.class, "exit", int.class);

    private static ArchRule gateIsolated(String gate) {
        String own = "..recoverygates." + gate + "..";
        String[] others = java.util.Arrays.stream(GATES).filter(g -> !g.equals(own)).toArray(String[]::new);
        return noClasses().that().resideInAPackage(own)
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .allowEmptyShould(true);
    }
}
