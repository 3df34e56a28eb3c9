package dev.ferry.contracts.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;

/**
 * A field a payload gained in a later version: a record written before it (by a producer
 * not yet upgraded, or still on the topic) has none, and reads as {@code null}, which the
 * record turns into its empty value. Every other field stays required, so a record that
 * lacks one is still unreadable.
 */
@Target({ ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JacksonInject(value = "ferry-added-field", optional = OptBoolean.TRUE, useInput = OptBoolean.TRUE)
public @interface AddedField {

}
