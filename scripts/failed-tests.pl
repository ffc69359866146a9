#!/usr/bin/env perl
# Prints each failed test of a .trx file with the start of its message and stack trace, so the last lines of a
# long test log (often all a CI page keeps) say what failed. Usage: perl scripts/failed-tests.pl TestResults/results.trx
use strict;
use warnings;

my $max_message_lines = 25;
my $max_stack_lines = 12;

local $/;
my $trx = <>;

sub unescape {
    my ($text) = @_;
    $text =~ s/&lt;/</g;
    $text =~ s/&gt;/>/g;
    $text =~ s/&quot;/"/g;
    $text =~ s/&apos;/'/g;
    $text =~ s/&#x([0-9A-Fa-f]+);/chr(hex($1))/ge;
    $text =~ s/&#(\d+);/chr($1)/ge;
    $text =~ s/&amp;/&/g;
    return $text;
}

sub head_lines {
    my ($text, $max) = @_;
    my @lines = split /\r?\n/, $text;
    my $more = @lines > $max ? "    ... (" . (@lines - $max) . " more lines in the .trx)\n" : "";
    splice @lines, $max if @lines > $max;
    return join('', map { "    $_\n" } @lines) . $more;
}

my $failed = 0;
while ($trx =~ m{<UnitTestResult\b([^>]*?)(/>|>(.*?)</UnitTestResult>)}sg) {
    my ($attributes, $body) = ($1, $3 // '');
    next unless $attributes =~ /\boutcome="Failed"/;
    my ($name) = $attributes =~ /\btestName="([^"]*)"/;
    my ($duration) = $attributes =~ /\bduration="([^"]*)"/;
    my ($message) = $body =~ m{<Message>(.*?)</Message>}s;
    my ($stack) = $body =~ m{<StackTrace>(.*?)</StackTrace>}s;
    print "=== Failed tests ===\n" if $failed++ == 0;
    print "FAILED " . unescape($name // '?') . " (" . ($duration // '?') . ")\n";
    print head_lines(unescape($message), $max_message_lines) if defined $message;
    print "  at:\n" . head_lines(unescape($stack), $max_stack_lines) if defined $stack;
}
