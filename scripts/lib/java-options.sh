# The local stack's JVM options, sourced by scripts/stack and read by StackIngressBurstIT.
# SLUICE_INGRESS_JAVA_OPTIONS and SLUICE_WORKER_JAVA_OPTIONS replace them.
#
# Small heaps and the serial collector: on a small machine several JVMs share the cores, and
# resident memory matters more than pauses of a few milliseconds. The live data is small (after a
# full GC under load: ingress about 36 MB, worker 24 MB, 28 MB once the http handler's Redisson
# is up); the rest of the heap is room for short-lived garbage. Each old generation must hold the
# live data with room to spare: the serial collector's default gives it two thirds of the heap,
# which for a 32 MB worker was 21.9 MB, so under load nearly every young collection of a worker
# became a full one of 100-150 ms. A worker's young generation is small instead (5 MB: what a job
# leaves behind dies young). The ingress's young generation is sized so that what is in flight at a
# collection (about 1.5 MB at 6,000 requests/s) fits a survivor space and dies there: with the
# defaults it was promoted, the old generation filled every few seconds, and full collections of
# about 100 ms made the accept p99 (57 ms at 64 MB with the defaults, 24 ms like this). Workers
# mostly wait on the broker and their backends, so they skip the optimising compiler (C2), which
# saves about 50 MB each; a worker with CPU-heavy handlers should drop -XX:TieredStopAtLevel=1.
# The ingress keeps C2: without it it accepts 40 % fewer requests. TrimNativeHeapInterval hands
# memory the JIT's compilers freed back to the system.
#
# Tomcat keeps the request processors it has used, up to server.tomcat.processor-cache of them
# (200 by default), each with about 70 KB of buffers, for good. After a burst of 256 connections
# the 200 held 14 MB, and the ingress's live data no longer fitted its 48 MB old generation: it
# made a full collection every half second under load from then on (79 in 45 s; p99 75-112 ms
# instead of 47-57). 100 processors hold 7 MB; a request beyond 100 at once gets a processor that
# dies young. Requests in progress are bounded to match (sluice.ingress.max-in-flight, 50 of them
# long polls): while 256 were in progress at once, their live data alone was about 60 MB and the
# heap was collected whole again and again; beyond 100 a request now gets 503 at once. More needs
# a larger heap and a larger bound. A fresh ingress hit by such a burst ends with about 46 MB of
# live data (its warm-up's caches, the 100 processors), which the 48 MB old generation of a 24 MB
# young one held only just: it then made 2-9 more full collections in its next 3,200 requests.
# With a 20 MB young generation (eden 13 MB, survivors 3.3 MB, still twice what is in flight at a
# collection) the old generation has 52 MB: 0-2, no slower at 64 connections in alternating
# windows (p99 17-25 against 23-56 ms, 5,900-7,900 requests/s both).
JAVA_COMMON="-Xss512k -XX:+UseSerialGC -XX:+UseCompactObjectHeaders -XX:MaxMetaspaceSize=128m -XX:TrimNativeHeapInterval=2000"
INGRESS_JAVA_OPTIONS=${SLUICE_INGRESS_JAVA_OPTIONS:--Xmx72m -Xmn20m -XX:SurvivorRatio=4 -XX:ReservedCodeCacheSize=64m -Dserver.tomcat.processor-cache=100 -Dsluice.ingress.max-in-flight=100 -Dsluice.ingress.max-long-polls=50 $JAVA_COMMON}
WORKER_JAVA_OPTIONS=${SLUICE_WORKER_JAVA_OPTIONS:--Xmx40m -Xmn5m -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m $JAVA_COMMON}
