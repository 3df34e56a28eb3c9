package dev.ferry.contracts.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;

import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.module.SimpleModule;

/**
 * Builds records through a constructor handle made once per type. Jackson 3.1 calls a
 * creator of several arguments with {@code MethodHandle.invokeWithArguments}, which makes
 * a new spreader (method types, lambda forms) on every call: measured as the largest
 * source of garbage in every service, since every envelope, command, event and frame is a
 * record. A creation that fails is handed back to Jackson, so errors read as before.
 */
final class RecordCreators {

	private RecordCreators() {
	}

	static JacksonModule module() {
		return new SimpleModule("ferry-record-creators") {

			@Override
			public void setupModule(SetupContext context) {
				super.setupModule(context);
				context.addValueInstantiators(new ValueInstantiators.Base() {

					@Override
					public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
							BeanDescription.Supplier description, ValueInstantiator instantiator) {
						return spreading(instantiator);
					}

				});
			}

		};
	}

	private static ValueInstantiator spreading(ValueInstantiator instantiator) {
		if (instantiator.getClass() != StdValueInstantiator.class || !instantiator.canCreateFromObjectWith()
				|| !(((StdValueInstantiator) instantiator)
					.getWithArgsCreator() instanceof AnnotatedConstructor creator)) {
			return instantiator;
		}
		Constructor<?> constructor = creator.getAnnotated();
		try {
			constructor.setAccessible(true);
			MethodHandle handle = MethodHandles.lookup()
				.unreflectConstructor(constructor)
				.asSpreader(Object[].class, constructor.getParameterCount())
				.asType(MethodType.methodType(Object.class, Object[].class));
			return new Spreading((StdValueInstantiator) instantiator, handle);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			return instantiator;
		}
	}

	private static final class Spreading extends StdValueInstantiator {

		private final MethodHandle creator;

		Spreading(StdValueInstantiator instantiator, MethodHandle creator) {
			super(instantiator);
			this.creator = creator;
		}

		@Override
		public Object createFromObjectWith(DeserializationContext context, Object[] arguments) {
			try {
				return (Object) this.creator.invokeExact(arguments);
			}
			catch (Throwable ex) {
				// Jackson calls it again and reports the failure its own way.
				return super.createFromObjectWith(context, arguments);
			}
		}

	}

}
