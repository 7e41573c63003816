package dev.meridian.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NettyJfrTest {

    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(NettyJfr.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(NettyJfr.PROPERTY);
        } else {
            System.setProperty(NettyJfr.PROPERTY, saved);
        }
    }

    @Test
    void offUnlessSet_unset_turnsNettyEventsOff() {
        System.clearProperty(NettyJfr.PROPERTY);
        NettyJfr.offUnlessSet();
        assertThat(System.getProperty(NettyJfr.PROPERTY)).isEqualTo("false");
    }

    @Test
    void offUnlessSet_operatorsChoice_kept() {
        System.setProperty(NettyJfr.PROPERTY, "true");
        NettyJfr.offUnlessSet();
        assertThat(System.getProperty(NettyJfr.PROPERTY)).isEqualTo("true");
    }
}
