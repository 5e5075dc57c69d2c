package org.flashsplat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Guards DESIGN.md section 4: the core stays headless and GPU-free; dependencies point one way. */
@AnalyzeClasses(packages = "org.flashsplat", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    @ArchTest
    static final ArchRule noJavaFxOutsideStudio =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("org.flashsplat.studio..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("javafx..", "org.controlsfx..");

    @ArchTest
    static final ArchRule noJcudaOutsideCudaBackend =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("org.flashsplat.raster.cuda..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("jcuda..");

    @ArchTest
    static final ArchRule coreDoesNotReachFrontEnds =
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            "org.flashsplat.core..",
                            "org.flashsplat.scene..",
                            "org.flashsplat.camera..",
                            "org.flashsplat.mask..",
                            "org.flashsplat.raster..",
                            "org.flashsplat.lift..",
                            "org.flashsplat.project..",
                            "org.flashsplat.export..",
                            "org.flashsplat.sam..",
                            "org.flashsplat.propagate..",
                            "org.flashsplat.cleanup..",
                            "org.flashsplat.select..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.flashsplat.cli..", "org.flashsplat.studio..");

    /** ONNX Runtime stays behind the sam package, so the rest never sees its tensors or errors. */
    @ArchTest
    static final ArchRule onnxRuntimeOnlyInSam =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("org.flashsplat.sam..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("ai.onnxruntime..");

    @ArchTest
    static final ArchRule onlyRendererFactoryKnowsBackends =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("org.flashsplat.raster..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.flashsplat.raster.cpu..", "org.flashsplat.raster.cuda..");
}
