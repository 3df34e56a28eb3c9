package dev.ferry.infra.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes calls at the same time, each on a thread of its own, as clients racing each other
 * do, and collects their answers in the order of the calls.
 */
public final class AtOnce {

	private AtOnce() {
	}

	public static <T> List<T> run(List<Callable<T>> calls) throws InterruptedException, ExecutionException {
		ExecutorService threads = Executors.newFixedThreadPool(calls.size());
		try {
			List<T> answers = new ArrayList<>();
			for (Future<T> answer : threads.invokeAll(calls)) {
				answers.add(answer.get());
			}
			return answers;
		}
		finally {
			threads.shutdownNow();
		}
	}

}
