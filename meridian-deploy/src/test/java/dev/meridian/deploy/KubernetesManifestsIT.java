package dev.meridian.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Kustomize base and overlays (rendered offline by {@code kubectl kustomize}) and the Helm chart (rendered by
 * {@code helm template}, the helm library that helm-java bundles), read strictly into the fabric8 model.
 */
class KubernetesManifestsIT {

    private static final Path K8S = Commands.deployDir().resolve("k8s");
    private static final Set<String> ALL_KINDS = Set.of(
            "Deployment",
            "Service",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "ConfigMap",
            "Secret",
            "ServiceMonitor",
            "NetworkPolicy");

    @Test
    void theKustomizeBaseHasEveryResourceWithProbesHardeningAndAutoscalingFrom3To20At70PercentCpu() throws Exception {
        List<HasMetadata> base = kustomize("base");
        assertThat(kinds(base)).isEqualTo(ALL_KINDS);
        assertGateway(one(base, Deployment.class));
        assertAutoscaling(one(base, HorizontalPodAutoscaler.class), 3, 20);
    }

    @Test
    void theSmallOverlayRunsOneToThreeReplicasWithLessMemoryAndNoServiceMonitor() throws Exception {
        List<HasMetadata> small = kustomize("overlays/small");
        assertThat(kinds(small)).doesNotContain("ServiceMonitor").contains("Deployment", "HorizontalPodAutoscaler");
        assertAutoscaling(one(small, HorizontalPodAutoscaler.class), 1, 3);
        Container gateway = assertGateway(one(small, Deployment.class));
        assertThat(gateway.getResources().getLimits().get("memory").toString()).isEqualTo("384Mi");
    }

    @Test
    void theProductionOverlayKeepsTwoPodsAvailableAndPinsTheImageInItsNamespace() throws Exception {
        List<HasMetadata> production = kustomize("overlays/production");
        assertThat(kinds(production)).isEqualTo(ALL_KINDS);
        assertThat(production)
                .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo("meridian"));
        assertAutoscaling(one(production, HorizontalPodAutoscaler.class), 3, 20);
        PodDisruptionBudget pdb = one(production, PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
        assertThat(pdb.getSpec().getMaxUnavailable()).isNull();
        Container gateway = assertGateway(one(production, Deployment.class));
        assertThat(gateway.getImage()).isEqualTo("registry.example.com/meridian:0.1.0-SNAPSHOT");
    }

    @Test
    void theHelmChartRendersTheSameResourcesAsTheKustomizeBase() throws Exception {
        String rendered = new Helm(Commands.deployDir().resolve("helm/meridian"))
                .template()
                .withName("meridian")
                .call();
        List<HasMetadata> chart = TypedManifests.parse(rendered, "helm template");
        assertThat(kinds(chart)).isEqualTo(ALL_KINDS);
        Container gateway = assertGateway(one(chart, Deployment.class));
        assertThat(gateway.getImage()).isEqualTo("meridian:0.1.0-SNAPSHOT");
        assertAutoscaling(one(chart, HorizontalPodAutoscaler.class), 3, 20);
    }

    @Test
    void theHelmChartWithAnExistingSecretAndWithoutAutoscalingLeavesThoseOut() throws Exception {
        String rendered = new Helm(Commands.deployDir().resolve("helm/meridian"))
                .template()
                .withName("gw")
                .set("secrets.existingSecret", "gw-credentials")
                .set("autoscaling.enabled", "false")
                .set("replicas", "4")
                .call();
        List<HasMetadata> chart = TypedManifests.parse(rendered, "helm template");
        assertThat(kinds(chart)).doesNotContain("Secret", "HorizontalPodAutoscaler");
        Deployment deployment = one(chart, Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(4);
        assertThat(deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnvFrom()
                        .get(0)
                        .getSecretRef()
                        .getName())
                .isEqualTo("gw-credentials");
    }

    @Test
    void aFieldTheModelDoesNotKnowFailsTheCheck() {
        String typo = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: typo
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: meridian
                          readinesProbe: {}
                """;
        assertThatThrownBy(() -> TypedManifests.parse(typo, "typo.yaml"))
                .hasMessageContaining("readinesProbe")
                .hasMessageContaining("containers[0]");
    }

    private static List<HasMetadata> kustomize(String directory) throws Exception {
        String kubectl = Commands.require(
                "kubectl",
                "kubectl 1.27 or newer (kustomize v5) is needed; this machine kind ships 1.32. Debian's"
                        + " kubernetes-client (1.20, kustomize v2) is too old for these kustomizations");
        Commands.Result result = Commands.run(List.of(kubectl, "kustomize", directory), K8S);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return TypedManifests.parse(result.output(), "kubectl kustomize " + directory);
    }

    /** The gateway's container: probes on the health routes, non-root on a read-only root, sized by memory. */
    private static Container assertGateway(Deployment deployment) {
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
        Container container = pod.getContainers().get(0);
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(8080);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getVolumeMounts().stream().map(m -> m.getMountPath()))
                .contains("/data", "/tmp", "/etc/meridian");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(container.getLifecycle().getPreStop().getSleep().getSeconds())
                .isPositive();
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(30L);
        return container;
    }

    private static void assertAutoscaling(HorizontalPodAutoscaler hpa, int min, int max) {
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(min);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(max);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        var cpu = hpa.getSpec().getMetrics().get(0).getResource();
        assertThat(cpu.getName()).isEqualTo("cpu");
        assertThat(cpu.getTarget().getAverageUtilization()).isEqualTo(70);
    }

    private static Set<String> kinds(List<HasMetadata> resources) {
        return resources.stream().map(HasMetadata::getKind).collect(Collectors.toSet());
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> resources, Class<T> type) {
        List<T> matching =
                resources.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as(type.getSimpleName()).hasSize(1);
        return matching.get(0);
    }
}
