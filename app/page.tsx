import { redirect } from "next/navigation";

// No overview yet: the transaction list is the landing screen until the dashboard exists.
export default function HomePage(): never {
  redirect("/transactions");
}
