package org.memmap4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VectorSwitchTest {

    @Test
    void refusesTheOtherSettingOnceTheKernelsAreLoaded() {
        // The surefire argLine adds jdk.incubator.vector, so this JVM's kernels are the vector ones.
        VectorSwitch.apply(true);
        assertThat(VectorSwitch.enabled()).isTrue();
        try {
            assertThatThrownBy(() -> VectorSwitch.apply(false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("vector=false")
                    .hasMessageContaining("own fork");
        } finally {
            System.setProperty("memmap4j.vector", "true");
        }
    }
}
