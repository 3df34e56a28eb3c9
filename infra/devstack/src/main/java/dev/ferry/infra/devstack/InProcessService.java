package dev.ferry.infra.devstack;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.loader.launch.Archive;
import org.springframework.boot.loader.launch.JarLauncher;
import org.springframework.boot.loader.launch.LaunchedClassLoader;
import org.springframework.boot.loader.net.protocol.Handlers;

/**
 * One Ferry service running inside this JVM from its executable jar, as Spring Boot's own
 * launcher would run it, but in a class loader whose parent is the platform's: it sees
 * none of this JVM's other services (nor the embedded Kafka's classes), so each keeps its
 * own Spring context, settings, logging, Kafka clients and consumer group, and they still
 * talk only through Kafka topics.
 */
final class InProcessService implements AutoCloseable {

	private final AutoCloseable context;

	private InProcessService(AutoCloseable context) {
		this.context = context;
	}

	/**
	 * Starts the service and returns once its context is running.
	 * @throws IllegalStateException if it fails to start
	 */
	static InProcessService start(String name, Path jar, List<String> arguments) {
		Handlers.register();
		ClassLoader loader;
		String mainClass;
		try {
			Launcher launcher = new Launcher(jar);
			loader = launcher.isolatedClassLoader();
			mainClass = launcher.mainClass();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot load " + name + " from " + jar + ": " + ex.getMessage(), ex);
		}
		AtomicReference<Object> context = new AtomicReference<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		// Threads the context starts inherit this thread's context class loader.
		Thread starter = new Thread(() -> {
			try {
				context.set(run(loader, mainClass, arguments));
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, name + "-main");
		starter.setContextClassLoader(loader);
		starter.start();
		try {
			starter.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while " + name + " started", ex);
		}
		if (failure.get() != null) {
			Throwable cause = (failure.get().getCause() != null) ? failure.get().getCause() : failure.get();
			throw new IllegalStateException(name + " did not start: " + cause, cause);
		}
		return new InProcessService((AutoCloseable) context.get());
	}

	/**
	 * {@code new SpringApplication(main).run(args)} in the service's class loader,
	 * without Spring's shutdown hook: the stack closes its services before Kafka and
	 * PostgreSQL.
	 */
	private static Object run(ClassLoader loader, String mainClass, List<String> arguments) throws Exception {
		disableTomcatUrlHandlers(loader);
		Class<?> main = Class.forName(mainClass, false, loader);
		Class<?> springApplication = Class.forName("org.springframework.boot.SpringApplication", false, loader);
		Object application = springApplication.getConstructor(Class[].class)
			.newInstance((Object) new Class<?>[] { main });
		springApplication.getMethod("setRegisterShutdownHook", boolean.class).invoke(application, false);
		return springApplication.getMethod("run", String[].class)
			.invoke(application, (Object) arguments.toArray(String[]::new));
	}

	/**
	 * Each embedded Tomcat would install its URL handler factory, which a JVM takes only
	 * once: the second service's Tomcat would fail to start. Spring Boot's embedded
	 * server needs none of those handlers.
	 */
	private static void disableTomcatUrlHandlers(ClassLoader loader) throws ReflectiveOperationException {
		try {
			Class.forName("org.apache.catalina.webresources.TomcatURLStreamHandlerFactory", true, loader)
				.getMethod("disable")
				.invoke(null);
		}
		catch (ClassNotFoundException ex) {
			// Not a Tomcat service.
		}
	}

	/** Closes the service's context: its listeners stop and its clients close. */
	@Override
	public void close() throws Exception {
		this.context.close();
	}

	/** Spring Boot's jar launcher, asked only for the class path and the main class. */
	private static final class Launcher extends JarLauncher {

		Launcher(Path jar) throws Exception {
			super(Archive.create(jar.toFile()));
		}

		ClassLoader isolatedClassLoader() throws Exception {
			return new LaunchedClassLoader(false, getArchive(), getClassPathUrls().toArray(URL[]::new),
					ClassLoader.getPlatformClassLoader());
		}

		String mainClass() throws Exception {
			return getMainClass();
		}

	}

}
