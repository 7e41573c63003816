package dev.meridian.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BalancerTest {

    @TempDir
    Path dir;

    @Test
    void withoutNginx_theClusterFailsNamingDebiansPackage() {
        assertThatThrownBy(() -> Balancer.nginx(dir.toString(), List.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("nginx")
                .hasMessageContaining("apt-get install -y nginx");
    }

    @Test
    void nginxIsFoundOnThePathOrInSbin() throws Exception {
        Path nginx = Files.createFile(
                dir.resolve("nginx"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(Balancer.nginx("/nonexistent:" + dir, List.of())).isEqualTo(nginx);
        assertThat(Balancer.nginx("", List.of(dir.toString()))).isEqualTo(nginx);
    }

    @Test
    void theBalancerRetriesAsComposeDoes_onAFailedConnectionOrA503_postsIncluded() {
        String conf = Balancer.config(dir, 8080, List.of(1001, 1002, 1003));
        assertThat(conf)
                .contains("server 127.0.0.1:1001 max_fails=1 fail_timeout=5s;")
                .contains("server 127.0.0.1:1003 max_fails=1 fail_timeout=5s;")
                .contains("proxy_next_upstream error http_503 non_idempotent;")
                .contains("proxy_next_upstream_tries 3;")
                .contains("listen 127.0.0.1:8080;");
    }
}
