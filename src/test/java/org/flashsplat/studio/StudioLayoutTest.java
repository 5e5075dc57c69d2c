package org.flashsplat.studio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The studio is organised by feature (project, editing, preview, segments, association, views,
 * jobs) over a shared model; the root package composes them. These rules keep it that way.
 */
@AnalyzeClasses(
        packages = "org.flashsplat.studio",
        importOptions = ImportOption.DoNotIncludeTests.class)
class StudioLayoutTest {
    private static final DescribedPredicate<JavaClass> VIEWS =
            JavaClass.Predicates.assignableTo("javafx.scene.Node")
                    .or(JavaClass.Predicates.assignableTo("javafx.scene.control.Cell"))
                    .or(JavaClass.Predicates.simpleNameEndingWith("Window"))
                    .or(JavaClass.Predicates.simpleNameEndingWith("Dialogs"))
                    .or(JavaClass.Predicates.simpleNameEndingWith("Dialog"))
                    .or(JavaClass.Predicates.simpleNameEndingWith("Drag"))
                    .or(JavaClass.Predicates.simpleName("Images"))
                    .as("views");

    /** View models are tested without the toolkit: they hold properties, never controls. */
    @ArchTest
    static final ArchRule viewModelsHoldNoControls =
            noClasses()
                    .that(DescribedPredicate.not(VIEWS))
                    .and()
                    .resideInAPackage("org.flashsplat.studio..")
                    .and()
                    .resideOutsideOfPackage("org.flashsplat.studio")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "javafx.scene.control..",
                            "javafx.scene.layout..",
                            "javafx.stage..",
                            "org.controlsfx..");

    /** The shared model and the file layer know no feature. */
    @ArchTest
    static final ArchRule sharedModelKnowsNoFeature =
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            "org.flashsplat.studio.model..", "org.flashsplat.studio.io..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.flashsplat.studio.project..",
                            "org.flashsplat.studio.editing..",
                            "org.flashsplat.studio.preview..",
                            "org.flashsplat.studio.segments..",
                            "org.flashsplat.studio.association..",
                            "org.flashsplat.studio.views..",
                            "org.flashsplat.studio.jobs..");

    /** Features never reach into the window that composes them. */
    @ArchTest
    static final ArchRule featuresDoNotReachTheWindow =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("org.flashsplat.studio")
                    .should()
                    .dependOnClassesThat()
                    .haveNameMatching(
                            "org\\.flashsplat\\.studio\\.Studio(Window|Actions|Launcher)");

    /**
     * A feature's views are its own: another feature's view model never uses them (a panel may
     * embed another feature's panel).
     */
    @ArchTest
    static final ArchRule viewModelsUseNoForeignViews =
            noClasses()
                    .that(DescribedPredicate.not(VIEWS))
                    .and()
                    .resideOutsideOfPackage("org.flashsplat.studio")
                    .should()
                    .dependOnClassesThat(
                            VIEWS.and(
                                    JavaClass.Predicates.resideOutsideOfPackage(
                                            "org.flashsplat.studio.common")))
                    .allowEmptyShould(true);

    /**
     * No cycles between the feature packages. Calls back into the composition root's {@code
     * StudioViewModel} are not part of the slices (it sits in the root package); replacing them by
     * small interfaces is the next step.
     */
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles =
            slices().matching("org.flashsplat.studio.(*)..").should().beFreeOfCycles();
}
