package dev.sluice.worker.handlers;

/**
 * What a handler knows about the attempt it runs.
 *
 * @param ticketId the ticket of the job
 * @param attempt the attempt number, from 1
 * @param workerId this worker
 */
public record JobContext(String ticketId, int attempt, String workerId) {}
