package dev.switchboard.sandbox.internal.telephony;

import dev.switchboard.sandbox.internal.http.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code call_cost} in Retell's shape: products with unit prices in cents per second, their costs
 * in cents, and {@code combined_cost}. Prices are illustrative list prices (voice engine
 * 7¢/min, LLM 1.6–4.5¢/min, telephony 1.5¢/min); calls that never connect cost nothing.
 */
final class CallCost {

    private CallCost() {
    }

    static ObjectNode of(long durationMs, String voiceProvider, String model) {
        long seconds = durationMs <= 0 ? 0 : (durationMs + 999) / 1000;
        String llm = model == null ? "gpt-4.1" : model;
        double llmPrice = llm.contains("mini") || llm.contains("nano") || llm.contains("flash") ? 0.0267 : 0.075;
        Object[][] products = {
                {voiceProvider + "_tts", 0.1167},
                {llm.replace('.', '_').replace('-', '_').toLowerCase(Locale.ROOT), llmPrice},
                {"retell_telephony", 0.025},
        };
        ObjectNode cost = Json.object();
        ArrayNode list = cost.putArray("product_costs");
        double combined = 0;
        double unitTotal = 0;
        for (Object[] product : products) {
            double unit = (double) product[1];
            double amount = round(unit * seconds);
            combined += amount;
            unitTotal += unit;
            list.add(Json.object().put("product", (String) product[0]).put("unit_price", unit).put("cost", amount));
        }
        cost.put("total_duration_seconds", seconds);
        cost.put("total_duration_unit_price", round(unitTotal));
        cost.put("combined_cost", round(combined));
        return cost;
    }

    private static double round(double cents) {
        return BigDecimal.valueOf(cents).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }
}
