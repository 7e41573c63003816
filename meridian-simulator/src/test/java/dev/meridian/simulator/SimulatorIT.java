package dev.meridian.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** The embedding API that demo mode uses: start, where it listens, close. */
class SimulatorIT {

    @Test
    void start_servesOnThePickedPortUntilClosed() {
        Simulator sim = Simulator.start(SimulatorOptions.defaults().recording(false));
        SimClient client = new SimClient(sim);

        assertThat(sim.port()).isPositive();
        assertThat(sim.baseUrl()).isEqualTo("http://127.0.0.1:" + sim.port());
        assertThat(client.get("/_sim/health").statusCode()).isEqualTo(200);

        sim.close();
        sim.close();

        assertThatThrownBy(() -> client.get("/_sim/health")).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void start_nullOptions() {
        assertThatNullPointerException().isThrownBy(() -> Simulator.start(null)).withMessage("options");
    }
}
