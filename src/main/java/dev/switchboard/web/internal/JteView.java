package dev.switchboard.web.internal;

import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.web.servlet.View;

/**
 * Renders one precompiled template with the MVC model as its parameters.
 *
 * <p>Only the model attributes the template declares with {@code @param} are passed, so what
 * Spring adds to the model by itself (binding results, session attributes, advice attributes)
 * never breaks a template; a declared parameter missing from the model gets its declared default,
 * or null. An attribute of the wrong type fails with a message naming it, not a bare
 * {@link ClassCastException} from generated code.
 *
 * <p>The page is rendered into memory first, so a failing template yields an error response
 * rather than half a page under a 200 status.
 */
class JteView implements View {

    static final String CONTENT_TYPE = "text/html;charset=UTF-8";

    private final TemplateEngine engine;
    private final String template;
    private final Map<String, Class<?>> parameters;

    JteView(TemplateEngine engine, String template) {
        this.engine = engine;
        this.template = template;
        this.parameters = Map.copyOf(engine.getParamInfo(template));
    }

    @Override
    public String getContentType() {
        return CONTENT_TYPE;
    }

    @Override
    public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Utf8ByteOutput output = new Utf8ByteOutput();
        engine.render(template, parametersFrom(model), output);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(output.getContentLength());
        output.writeTo(response.getOutputStream());
    }

    Map<String, Object> parametersFrom(Map<String, ?> model) {
        Map<String, Object> params = new HashMap<>();
        if (model == null) {
            return params;
        }
        parameters.forEach((name, type) -> {
            if (!model.containsKey(name)) {
                return;
            }
            Object value = model.get(name);
            if (value != null && !boxed(type).isInstance(value)) {
                throw new IllegalStateException("Template " + template + " declares @param " + type.getName() + " " + name
                        + ", but the model holds a " + value.getClass().getName());
            }
            params.put(name, value);
        });
        return params;
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "boolean" -> Boolean.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            default -> Void.class;
        };
    }
}
