package dev.sluice.model;

import java.time.Instant;

/**
 * One run of a job by one worker.
 *
 * @param ticketId the ticket of the job
 * @param number the attempt number, from 1
 * @param workerId the worker running it
 * @param startedAt when it started, by the worker's clock
 */
public record Attempt(String ticketId, int number, String workerId, Instant startedAt) {}
