package com.subscriptiondevices.platform.web;

import java.lang.reflect.Executable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodParameter;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.AsyncHandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Spring MVC asks its return-value handlers, on every request, which of them supports the handler
 * method's return type, and does not remember (it does remember argument resolvers). For a
 * {@code ResponseEntity<T>} one of them resolves {@code T} through reflection proxies each time: 8 % of
 * a POST's CPU (JFR). The answer depends only on the method and the returned value's class, so each
 * handler here remembers it per both. Asynchronous handlers (none of the service's methods returns an
 * asynchronous type) are left as they are, so that they keep answering as such.
 */
final class RememberedReturnValueHandlers implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof RequestMappingHandlerAdapter adapter && adapter.getReturnValueHandlers() != null) {
            List<HandlerMethodReturnValueHandler> remembered = adapter.getReturnValueHandlers().stream()
                    .map(handler -> handler instanceof AsyncHandlerMethodReturnValueHandler
                            ? handler
                            : new Remembering(handler))
                    .toList();
            adapter.setReturnValueHandlers(remembered);
        }
        return bean;
    }

    /** What the handler said of a method's return type, for a class of returned value. */
    private record ReturnType(Executable method, int index, Class<?> type) {

        static ReturnType of(MethodParameter parameter) {
            return new ReturnType(
                    parameter.getExecutable(), parameter.getParameterIndex(), parameter.getParameterType());
        }
    }

    static final class Remembering implements HandlerMethodReturnValueHandler {

        private final HandlerMethodReturnValueHandler handler;
        private final Map<ReturnType, Boolean> supports = new ConcurrentHashMap<>();

        Remembering(HandlerMethodReturnValueHandler handler) {
            this.handler = handler;
        }

        @Override
        public boolean supportsReturnType(MethodParameter returnType) {
            return supports.computeIfAbsent(ReturnType.of(returnType), type -> handler.supportsReturnType(returnType));
        }

        @Override
        public void handleReturnValue(
                Object returnValue,
                MethodParameter returnType,
                ModelAndViewContainer mavContainer,
                NativeWebRequest webRequest)
                throws Exception {
            handler.handleReturnValue(returnValue, returnType, mavContainer, webRequest);
        }
    }
}
