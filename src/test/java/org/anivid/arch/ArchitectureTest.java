package org.anivid.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules of DESIGN.md §2, enforced on every build. */
@AnalyzeClasses(packages = "org.anivid", importOptions = ArchitectureTest.MainClassesOnly.class)
class ArchitectureTest {
    /**
     * Leaves out test classes wherever the build folder is ({@code -Danivid.buildDir=target-x} too);
     * ArchUnit's own DoNotIncludeTests only recognises {@code target/test-classes}.
     */
    static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("/test-classes/");
        }
    }


    @ArchTest
    static final ArchRule onlyUiTouchesJavaFxScene = noClasses().that().resideOutsideOfPackage("org.anivid.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.application..",
                    "javafx.stage..", "org.controlsfx..", "org.kordamp.ikonli..")
            .because("only the ui package may use JavaFX scene classes (DESIGN.md §2)");

    @ArchTest
    static final ArchRule coreIsPureJava = classes().that().resideInAPackage("org.anivid.core..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "org.anivid.core..")
                    .or(com.tngtech.archunit.base.DescribedPredicate.describe("arrays and primitives",
                            c -> c.isArray() || c.isPrimitive())))
            .andShould().onlyDependOnClassesThat(resideOutsideOfPackages("java.sql..", "java.awt..", "javax.."))
            .because("core holds records, rules and ports in plain Java (no JavaFX, JavaCV, DJL, JDBC, AWT)");

    @ArchTest
    static final ArchRule jobsUseOnlyCore = noClasses().that().resideInAPackage("org.anivid.jobs..")
            .should().dependOnClassesThat().resideInAnyPackage("org.anivid.media..", "org.anivid.library..",
                    "org.anivid.ui..", "org.anivid.cli..", "org.anivid.app..", "javafx..");

    @ArchTest
    static final ArchRule mediaUsesOnlyCore = noClasses().that().resideInAPackage("org.anivid.media..")
            .should().dependOnClassesThat().resideInAnyPackage("org.anivid.library..", "org.anivid.jobs..",
                    "org.anivid.ui..", "org.anivid.cli..", "org.anivid.app..", "org.anivid.demo..");

    @ArchTest
    static final ArchRule libraryUsesOnlyCore = noClasses().that().resideInAPackage("org.anivid.library..")
            .should().dependOnClassesThat().resideInAnyPackage("org.anivid.media..", "org.anivid.jobs..",
                    "org.anivid.ui..", "org.anivid.cli..", "org.anivid.app..", "org.bytedeco..", "ai.djl..");

    @ArchTest
    static final ArchRule demoUsesCoreAndMedia = noClasses().that().resideInAPackage("org.anivid.demo..")
            .should().dependOnClassesThat().resideInAnyPackage("org.anivid.library..", "org.anivid.jobs..",
                    "org.anivid.ui..", "org.anivid.cli..", "org.anivid.app..", "javafx..");

    @ArchTest
    static final ArchRule detectorsUseCoreMediaJobs = noClasses().that()
            .resideInAnyPackage("org.anivid.shots..", "org.anivid.motion..")
            .should().dependOnClassesThat().resideInAnyPackage("org.anivid.library..", "org.anivid.ui..",
                    "org.anivid.cli..", "org.anivid.app..", "javafx..")
            .because("detectors (DESIGN.md §2: shots, motion, faces) use only core, media and torch");

    @ArchTest
    static final ArchRule facesUseCoreMediaTorchJobsMetrics = noClasses().that().resideInAPackage("org.anivid.faces..")
            .should().dependOnClassesThat().resideInAnyPackage("org.anivid.library..", "org.anivid.ui..",
                    "org.anivid.cli..", "org.anivid.app..", "org.anivid.shots..", "org.anivid.motion..",
                    "org.anivid.curate..", "org.anivid.dataset..", "javafx..")
            .because("the face detectors use core, media, torch (and metrics for their evaluation), DESIGN.md §2");

    @ArchTest
    static final ArchRule torchUsesOnlyCore = noClasses().that().resideInAPackage("org.anivid.torch..")
            .should().dependOnClassesThat().resideInAnyPackage("org.anivid.media..", "org.anivid.library..",
                    "org.anivid.jobs..", "org.anivid.faces..", "org.anivid.ui..", "org.anivid.cli..", "org.anivid.app..",
                    "org.bytedeco..", "javafx..");

    @ArchTest
    static final ArchRule fommUsesCoreTorchMedia = noClasses().that().resideInAPackage("org.anivid.fomm..")
            .should().dependOnClassesThat().resideInAnyPackage("org.anivid.library..",
                    "org.anivid.faces..", "org.anivid.shots..", "org.anivid.motion..", "org.anivid.curate..",
                    "org.anivid.dataset..", "org.anivid.ui..", "org.anivid.cli..", "org.anivid.app..", "javafx..")
            .because("the FOMM model uses core, torch and media (DESIGN.md §2); its training is a cancellable job, "
                    + "as the detectors are, so it may use jobs");

    @ArchTest
    static final ArchRule metricsUseOnlyCore = noClasses().that().resideInAPackage("org.anivid.metrics..")
            .should().dependOnClassesThat().resideInAnyPackage("org.anivid.media..", "org.anivid.library..",
                    "org.anivid.jobs..", "org.anivid.faces..", "org.anivid.torch..", "org.anivid.ui..",
                    "org.anivid.cli..", "org.anivid.app..", "org.bytedeco..", "ai.djl..", "javafx..");

    @ArchTest
    static final ArchRule curateIsPure = classes().that().resideInAPackage("org.anivid.curate..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "org.anivid.core..", "org.anivid.curate..")
                    .or(com.tngtech.archunit.base.DescribedPredicate.describe("arrays and primitives",
                            c -> c.isArray() || c.isPrimitive())))
            .because("curation rules are pure and unit-tested (DESIGN.md §2: curate uses core only)");

    @ArchTest
    static final ArchRule datasetUsesCoreMediaLibrary = noClasses().that().resideInAPackage("org.anivid.dataset..")
            .should().dependOnClassesThat().resideInAnyPackage("org.anivid.ui..", "org.anivid.cli..",
                    "org.anivid.app..", "org.anivid.faces..", "org.anivid.shots..", "org.anivid.motion..",
                    "org.anivid.torch..", "javafx..")
            .because("the export uses core, media and library (DESIGN.md §2)");

    @ArchTest
    static final ArchRule cliNeverUsesUi = noClasses().that().resideInAPackage("org.anivid.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.anivid.ui..")
            .because("the CLI reaches the studio only through the StudioLauncher service");

    @ArchTest
    static final ArchRule uiNeverUsesCli = noClasses().that().resideInAPackage("org.anivid.ui..")
            .should().dependOnClassesThat().resideInAPackage("org.anivid.cli..");

    @ArchTest
    static final ArchRule appIsBelowTheFrontEnds = noClasses().that().resideInAPackage("org.anivid.app..")
            .should().dependOnClassesThat().resideInAnyPackage("org.anivid.ui..", "org.anivid.cli..", "javafx..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.anivid.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noSystemOutOutsideCli = noClasses().that().resideOutsideOfPackage("org.anivid.cli..")
            .should().accessField(System.class, "out")
            .because("logs go through SLF4J; only the CLI prints its output");
}
