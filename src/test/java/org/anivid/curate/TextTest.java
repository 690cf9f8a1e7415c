package org.anivid.curate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void decimalsMatchStringFormatInTheRootLocale() {
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            float value = random.nextFloat() * (i % 3 == 0 ? 100 : 1);
            assertThat(Text.decimals(value, 2)).isEqualTo(String.format(Locale.ROOT, "%.2f", value));
            assertThat(Text.decimals(value, 1)).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
        }
        assertThat(Text.decimals(0.6f, 2)).isEqualTo("0.60");
        assertThat(Text.decimals(-1.25, 1)).isEqualTo("-1.3");
        assertThat(Text.decimals(-0.01, 1)).isEqualTo("0.0");
        assertThat(Text.seconds(2.4)).isEqualTo("2.4 s");
        assertThat(Text.percent(0.874)).isEqualTo("87%");
    }
}
