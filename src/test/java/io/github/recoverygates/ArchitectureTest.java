package io.github.recoverygates;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture (docs/architecture.md) as tests: every package in one layer, each layer using
 * only those below it, the gates reached only through the {@code Gate} service, no package cycle.
 */
@AnalyzeClasses(packages = "io.github.recoverygates", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] GATES = {
        "io.github.recoverygates.syntax..", "io.github.recoverygates.ssot..", "io.github.recoverygates.recovery..",
        "io.github.recoverygates.goldenpath.."};

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Cli").definedBy("io.github.recoverygates.cli..")
            .layer("Ci").definedBy("io.github.recoverygates.api.ci..")
            .layer("Api").definedBy("io.github.recoverygates.api")
            .layer("Init").definedBy("io.github.recoverygates.init..")
            .layer("Demo").definedBy("io.github.recoverygates.demo..")
            .layer("Repair").definedBy("io.github.recoverygates.repair..")
            .layer("Render").definedBy("io.github.recoverygates.render..")
            .layer("Gates").definedBy(GATES)
            .layer("Core").definedBy("io.github.recoverygates.core..")
            .layer("Python").definedBy("io.github.recoverygates.python..")
            .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("Ci").mayNotBeAccessedByAnyLayer()
            .whereLayer("Api").mayOnlyBeAccessedByLayers("Cli", "Ci")
            .whereLayer("Init").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Demo").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Repair").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Render").mayOnlyBeAccessedByLayers("Cli", "Ci", "Api", "Repair")
            // only repair builds on a gate (the syntax gate's interpreter pool); everything else reaches gates through the SPI
            .whereLayer("Gates").mayOnlyBeAccessedByLayers("Repair")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Cli", "Ci", "Api", "Init", "Demo", "Repair", "Render", "Gates")
            // the one Python tokenizer, for the gates that read Python and for repair
            .whereLayer("Python").mayOnlyBeAccessedByLayers("Gates", "Repair");

    /** The Python tokenizer is a leaf beside core: it uses no other package of ours. */
    @ArchTest
    static final ArchRule pythonUsesNoOtherPackage = noClasses().that().resideInAPackage("io.github.recoverygates.python..")
            .should().dependOnClassesThat().resideInAnyPackage("io.github.recoverygates.core..",
                    "io.github.recoverygates.render..", "io.github.recoverygates.api..", "io.github.recoverygates.cli..",
                    "io.github.recoverygates.init..", "io.github.recoverygates.demo..", "io.github.recoverygates.repair..",
                    "io.github.recoverygates.syntax..", "io.github.recoverygates.ssot..",
                    "io.github.recoverygates.recovery..", "io.github.recoverygates.goldenpath..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.github.recoverygates.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule coreUsesNoLayerAboveIt = noClasses().that().resideInAPackage("io.github.recoverygates.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.github.recoverygates.render..",
                    "io.github.recoverygates.api..", "io.github.recoverygates.cli..", "io.github.recoverygates.init..",
                    "io.github.recoverygates.demo..", "io.github.recoverygates.syntax..", "io.github.recoverygates.ssot..",
                    "io.github.recoverygates.recovery..", "io.github.recoverygates.goldenpath..");

    @ArchTest
    static final ArchRule syntaxDoesNotImportOtherGates = gateIsolated("syntax");
    @ArchTest
    static final ArchRule ssotDoesNotImportOtherGates = gateIsolated("ssot");
    @ArchTest
    static final ArchRule recoveryDoesNotImportOtherGates = gateIsolated("recovery");
    @ArchTest
    static final ArchRule goldenPathDoesNotImportOtherGates = gateIsolated("goldenpath");

    @ArchTest
    static final ArchRule onlyTheCliExits = noClasses()
            .that().resideOutsideOfPackage("io.github.recoverygates.cli..")
            .should().callMethod(System.class, "exit", int.class);

    /** What reaches stdout or stderr passes one sink's escaper: only the CLI holds the process's streams. */
    @ArchTest
    static final ArchRule onlyTheCliPrintsToTheProcessStreams = noClasses()
            .that().resideOutsideOfPackages("io.github.recoverygates.cli..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err");

    private static ArchRule gateIsolated(String gate) {
        String own = "io.github.recoverygates." + gate + "..";
        String[] others = java.util.Arrays.stream(GATES).filter(g -> !g.equals(own)).toArray(String[]::new);
        return noClasses().that().resideInAPackage(own)
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .allowEmptyShould(true);
    }
}
