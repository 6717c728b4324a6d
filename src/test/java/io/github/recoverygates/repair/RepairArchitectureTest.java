package io.github.recoverygates.repair;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The repair feature's place: it reads the syntax gate only through its public facades (the
 * interpreter pool, the scopes, the config record), other gates only through the Gate SPI, and
 * nothing of the presentation layer, which writes its own files.
 */
@AnalyzeClasses(packages = "io.github.recoverygates", importOptions = ImportOption.DoNotIncludeTests.class)
class RepairArchitectureTest {

    private static final Set<String> SYNTAX_FACADES = Set.of("io.github.recoverygates.syntax.PythonCompiler",
            "io.github.recoverygates.syntax.PythonCompiler$Verdict", "io.github.recoverygates.syntax.SyntaxScopes",
            "io.github.recoverygates.syntax.SyntaxScopes$Scope", "io.github.recoverygates.syntax.SyntaxConfig");

    @ArchTest
    static final ArchRule repairUsesNoPresentationLayer = noClasses()
            .that().resideInAPackage("..recoverygates.repair..")
            .should().dependOnClassesThat().resideInAnyPackage("..recoverygates.report..", "..recoverygates.github..",
                    "..recoverygates.cli..", "..recoverygates.api..", "..recoverygates.dashboard..");

    @ArchTest
    static final ArchRule repairReadsOtherGatesOnlyThroughTheSpi = noClasses()
            .that().resideInAPackage("..recoverygates.repair..")
            .should().dependOnClassesThat().resideInAnyPackage("..recoverygates.ssot..", "..recoverygates.recovery..",
                    "..recoverygates.goldenpath..");

    @ArchTest
    static final ArchRule repairReadsTheSyntaxGateOnlyThroughItsFacades = noClasses()
            .that().resideInAPackage("..recoverygates.repair..")
            .should().dependOnClassesThat(new DescribedPredicate<JavaClass>("syntax classes other than its facades") {
                @Override
                public boolean test(JavaClass c) {
                    return c.getPackageName().startsWith("io.github.recoverygates.syntax")
                            && !SYNTAX_FACADES.contains(c.getName());
                }
            });

    @ArchTest
    static final ArchRule noGateDependsOnRepair = noClasses()
            .that().resideInAnyPackage("..recoverygates.core..", "..recoverygates.syntax..", "..recoverygates.ssot..")
            .should().dependOnClassesThat().resideInAPackage("..recoverygates.repair..");
}
