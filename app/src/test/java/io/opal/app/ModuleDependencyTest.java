package io.opal.app;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way, as DESIGN.md's module table says: app on top; rpc over the consensus
 * layer; the consensus layer over txpool, p2p and the execution layer; storage and primitives at
 * the bottom. Maven already forbids cycles between modules; this keeps the direction and stops a
 * module from reaching past the layer it is allowed to use.
 */
class ModuleDependencyTest {

  @Test
  void modulesDependOnlyDownwards() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.opal");

    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("app")
        .definedBy("io.opal.app..")
        .layer("rpc")
        .definedBy("io.opal.rpc..")
        .layer("consensus")
        .definedBy("io.opal.consensus..")
        .layer("p2p")
        .definedBy("io.opal.p2p..")
        .layer("txpool")
        .definedBy("io.opal.txpool..")
        .layer("execution")
        .definedBy("io.opal.execution..")
        .layer("storage")
        .definedBy("io.opal.storage..")
        .layer("primitives")
        .definedBy("io.opal.primitives..")
        .whereLayer("app")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("rpc")
        .mayOnlyBeAccessedByLayers("app")
        .whereLayer("consensus")
        .mayOnlyBeAccessedByLayers("rpc", "app")
        .whereLayer("p2p")
        .mayOnlyBeAccessedByLayers("consensus", "app")
        .whereLayer("txpool")
        .mayOnlyBeAccessedByLayers("consensus", "rpc", "app")
        .whereLayer("execution")
        .mayOnlyBeAccessedByLayers("txpool", "consensus", "rpc", "app")
        .whereLayer("storage")
        .mayOnlyBeAccessedByLayers("execution", "txpool", "p2p", "consensus", "rpc", "app")
        .check(classes);
  }
}
