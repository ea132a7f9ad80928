package org.channelbridge.flow.products;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ProductValuesTest {

    @Test
    void theStoredFormReadsBackAsTheSameValuesWithTheSameHash() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Title", "Mug \"Classic\" \t 350 ml – blue");
        fields.put("Brand", "Acme");
        fields.put("Weight", ProductValues.canonicalDecimal(new BigDecimal("0.500")));
        fields.put("RetailPrice", ProductValues.canonicalDecimal(new BigDecimal("120.00")));
        TreeMap<String, String> attributes = new TreeMap<>(Map.of("Color", "Blue", "Size", "L"));
        ProductValues values = new ProductValues(fields, 7, attributes);

        String json = values.toJson();
        ProductValues back = ProductValues.fromJson(json);

        assertThat(json).contains("\"RetailPrice\":120").contains("\"Weight\":0.5").contains("\"quantity\":7");
        assertThat(back).isEqualTo(values);
        assertThat(back.hash()).isEqualTo(values.hash());
    }

    @Test
    void valuesWithoutPartsKeepThemAbsent() {
        ProductValues quantityOnly = new ProductValues(null, 3, null);

        assertThat(quantityOnly.toJson()).isEqualTo("{\"quantity\":3}");
        assertThat(ProductValues.fromJson(quantityOnly.toJson())).isEqualTo(quantityOnly);
        assertThat(ProductValues.fromJson(null)).isEqualTo(ProductValues.NOTHING);
    }

    @Test
    void aDecimalTextReadsAsTheCanonicalValueWhateverItsZerosOrExponent() {
        for (String text : new String[] {"10.5000", "10", "100", "10.", ".50", "0.000", "-0.0", " 7.250 ", "+5.10",
                "1E+3", "1.50e2", "12345678901234.5678", "0"}) {
            BigDecimal expected = ProductValues.canonicalDecimal(new BigDecimal(text.trim()));
            BigDecimal read = ProductValues.decimalOf(text);
            assertThat(read).as(text).isEqualTo(expected);
            assertThat(ProductValues.isCanonical(read, read.toPlainString())).as(text).isTrue();
        }
        assertThat(ProductValues.isCanonical(new BigDecimal("10.50"), "10.50")).isFalse();
        assertThat(ProductValues.isCanonical(new BigDecimal("1E+1"), "10")).isFalse();
    }
}
