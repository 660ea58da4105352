package com.subscriptiondevices.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.AsyncHandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

class RememberedReturnValueHandlersTest {

    /** Answers whether the return type is a ResponseEntity, and counts how often it was asked. */
    static class Counting implements HandlerMethodReturnValueHandler {

        final AtomicInteger asked = new AtomicInteger();

        @Override
        public boolean supportsReturnType(MethodParameter returnType) {
            asked.incrementAndGet();
            return ResponseEntity.class.isAssignableFrom(returnType.getParameterType());
        }

        @Override
        public void handleReturnValue(
                Object value, MethodParameter type, ModelAndViewContainer container, NativeWebRequest request) {}
    }

    static final class Async extends Counting implements AsyncHandlerMethodReturnValueHandler {

        @Override
        public boolean isAsyncReturnValue(Object value, MethodParameter type) {
            return true;
        }
    }

    ResponseEntity<String> entity() {
        return ResponseEntity.ok("x");
    }

    String text() {
        return "x";
    }

    @Test
    void each_handler_is_asked_once_per_method_and_answers_as_before() throws Exception {
        Counting plain = new Counting();
        Async async = new Async();
        RequestMappingHandlerAdapter adapter = new RequestMappingHandlerAdapter();
        adapter.setReturnValueHandlers(List.of(async, plain));

        new RememberedReturnValueHandlers().postProcessAfterInitialization(adapter, "adapter");

        List<HandlerMethodReturnValueHandler> handlers = adapter.getReturnValueHandlers();
        assertThat(handlers.get(0)).as("asynchronous handlers keep their type").isSameAs(async);
        HandlerMethodReturnValueHandler remembered = handlers.get(1);
        MethodParameter entity = new MethodParameter(getClass().getDeclaredMethod("entity"), -1);
        MethodParameter text = new MethodParameter(getClass().getDeclaredMethod("text"), -1);
        for (int i = 0; i < 5; i++) {
            assertThat(remembered.supportsReturnType(entity)).isTrue();
            assertThat(remembered.supportsReturnType(new MethodParameter(entity)))
                    .isTrue();
            assertThat(remembered.supportsReturnType(text)).isFalse();
        }
        assertThat(plain.asked).as("once for each method").hasValue(2);
    }
}
