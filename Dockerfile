# syntax=docker/dockerfile:1
# One Dockerfile, one target per service:
#   docker build --target ingress-api -t sluice/ingress-api .
#   docker build --target worker -t sluice/worker .
# Built with the Maven wrapper on a JDK 25; run on a JRE 25 as a non-root user, from the layers of
# the Spring Boot jar (dependencies change less often than the application, so they cache),
# extracted, with a JVM AOT cache trained in the image (scripts/aot-cache): the classes come read,
# parsed and linked from it, which halves the start-up.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
# the poms first: dependencies are downloaded once and cached until a pom changes
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY shared-model/pom.xml shared-model/
COPY spring-support/pom.xml spring-support/
COPY test-support/pom.xml test-support/
COPY ingress-api/pom.xml ingress-api/
COPY worker/pom.xml worker/
COPY system-tests/pom.xml system-tests/
COPY load-tests/pom.xml load-tests/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl ingress-api,worker -am dependency:go-offline
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl ingress-api,worker -am package -DskipTests -Dspotless.check.skip=true
RUN java -Djarmode=tools -jar ingress-api/target/ingress-api.jar extract --layers \
      --destination /layers/ingress-api \
 && java -Djarmode=tools -jar worker/target/worker.jar extract --layers \
      --destination /layers/worker

FROM eclipse-temurin:25-jre AS runtime
# curl for the health checks of docker compose
RUN apt-get update && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system sluice && useradd --system --gid sluice --home-dir /app sluice \
 && install -d -o sluice -g sluice /app
WORKDIR /app
COPY --chmod=755 scripts/aot-cache /usr/local/bin/aot-cache
USER sluice
# size the heap from the container's memory limit, and die (to be restarted) rather than limp
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"

FROM runtime AS ingress-api
COPY --from=build /layers/ingress-api/dependencies/ ./
COPY --from=build /layers/ingress-api/snapshot-dependencies/ ./
COPY --from=build /layers/ingress-api/application/ ./
# trained by the JVM that runs it; needs neither RabbitMQ nor Redis
RUN aot-cache ingress-api.jar
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "ingress-api.jar"]
EXPOSE 8080
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/actuator/health/readiness || exit 1

FROM runtime AS worker
COPY --from=build /layers/worker/dependencies/ ./
COPY --from=build /layers/worker/snapshot-dependencies/ ./
COPY --from=build /layers/worker/application/ ./
# trained by the JVM that runs it; needs neither RabbitMQ nor Redis
RUN aot-cache worker.jar
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "worker.jar"]
EXPOSE 8081
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8081/actuator/health/readiness || exit 1
